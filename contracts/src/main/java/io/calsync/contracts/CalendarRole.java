package io.calsync.contracts;

/** Why calsync reads a calendar: it is the user's Primary Calendar, or one of the "Check for conflicts" calendars. */
public enum CalendarRole {
    PRIMARY,
    CONFLICT
}
