package io.calsync.availability.domain;

import java.util.List;

/** The tenant asked that requests fail while a calendar is stale or failing (the API answers 503). */
public class StaleCalendarsException extends RuntimeException {

    private final transient List<CalendarFreshness<?>> untrusted;

    public StaleCalendarsException(List<CalendarFreshness<?>> untrusted) {
        super(untrusted.size() + " calendar(s) stale or failing");
        this.untrusted = List.copyOf(untrusted);
    }

    /** The calendars that are stale or failing. */
    public List<CalendarFreshness<?>> untrusted() {
        return untrusted;
    }
}
