package io.calsync.availability.domain;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/** Judges each source calendar against a tenant's {@link FreshnessSettings}, as of the clock's now. */
public final class FreshnessPolicy {

    private final Clock clock;

    public FreshnessPolicy(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public <C> Freshness<C> assess(Collection<CalendarStatus<C>> calendars, FreshnessSettings settings) {
        Instant staleBefore = clock.instant().minus(settings.staleAfter());
        List<CalendarFreshness<C>> judged = calendars.stream().map(c -> judge(c, staleBefore)).toList();
        boolean untrusted = judged.stream().anyMatch(c -> c.stale() || c.failing());
        BusyVerdict verdict = !untrusted ? BusyVerdict.AS_MATERIALIZED : switch (settings.policy()) {
            case BUSY -> BusyVerdict.WHOLE_WINDOW;
            case LAST_KNOWN -> BusyVerdict.AS_MATERIALIZED;
            case FAIL -> BusyVerdict.FAIL;
        };
        return new Freshness<>(judged, verdict);
    }

    private static <C> CalendarFreshness<C> judge(CalendarStatus<C> calendar, Instant staleBefore) {
        boolean source = calendar.state() != CalendarState.STOPPED;
        boolean stale = source && calendar.lastSuccess().map(last -> last.isBefore(staleBefore)).orElse(true);
        boolean failing = calendar.state() == CalendarState.FAILING || calendar.state() == CalendarState.PAUSED;
        return new CalendarFreshness<>(calendar.calendar(), calendar.state(), calendar.lastSuccess(), stale, failing);
    }
}
