package io.calsync.availability.answers;

import java.time.Instant;

/**
 * Something that makes a user busy during {@code [start, end)}.
 *
 * @param kind APPOINTMENT, ICLOUD, NATIVE, or UNTRUSTED_CALENDAR (a stale or failing calendar that the tenant's
 *     policy counts as busy for the whole window)
 * @param id the appointmentId or slotId; for UNTRUSTED_CALENDAR {@code accountId/calendarId}
 * @param title the appointment's title, or the slot's as the calendar's privacy setting allows ("Busy" when not)
 */
public record Source(String kind, String id, String accountId, String calendarId, String role, String eventUid,
        String recurrenceId, Instant start, Instant end, String title) {
}
