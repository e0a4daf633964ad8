package io.calsync.availability.answers;

/** A source calendar as the freshness of an answer names it. */
record CalendarRef(String accountId, String calendarId, String role, String error) {
}
