package io.calsync.contracts;

/**
 * The iCloud occurrence a slot stands for: the event's UID and, for one occurrence of a recurring event, its
 * RECURRENCE-ID as an RFC 3339 instant (or a date for all-day series).
 */
public record SlotOrigin(
        String accountId,
        String calendarId,
        CalendarRole role,
        String eventUid,
        String recurrenceId) {

    public SlotOrigin {
        Require.id(accountId, "origin.accountId");
        Require.id(calendarId, "origin.calendarId");
        Require.present(role, "origin.role");
        Require.text(eventUid, "origin.eventUid");
        Require.optionalText(recurrenceId, "origin.recurrenceId");
    }
}
