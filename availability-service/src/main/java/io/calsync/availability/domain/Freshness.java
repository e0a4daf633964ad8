package io.calsync.availability.domain;

import java.util.List;

/** How fresh one user's calendars are, and what that makes of their busy time. */
public record Freshness<C>(List<CalendarFreshness<C>> calendars, BusyVerdict verdict) {

    public Freshness {
        calendars = List.copyOf(calendars);
    }

    public boolean anyStale() {
        return calendars.stream().anyMatch(CalendarFreshness::stale);
    }

    public boolean anyFailing() {
        return calendars.stream().anyMatch(CalendarFreshness::failing);
    }

    /** No calendar is read for this user (none connected, or all stopped): busy time is appointments and native slots. */
    public boolean noCalendarRead() {
        return calendars.stream().allMatch(c -> c.state() == CalendarState.STOPPED);
    }

    /**
     * The busy time to answer with inside {@code window}.
     *
     * @throws StaleCalendarsException when the verdict is {@link BusyVerdict#FAIL}
     */
    public IntervalSet busyTime(IntervalSet materialized, Interval window) {
        return switch (verdict) {
            case AS_MATERIALIZED -> materialized.clip(window);
            case WHOLE_WINDOW -> IntervalSet.of(window);
            case FAIL -> throw new StaleCalendarsException(calendars.stream()
                    .filter(c -> c.stale() || c.failing()).<CalendarFreshness<?>>map(c -> c).toList());
        };
    }
}
