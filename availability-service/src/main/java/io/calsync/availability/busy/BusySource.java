package io.calsync.availability.busy;

import java.time.Instant;

/**
 * Something that makes a user busy during {@code [start, end)}: an appointment or a blocked slot.
 *
 * @param kind APPOINTMENT, ICLOUD or NATIVE
 * @param id the appointmentId or slotId
 * @param calendarId for ICLOUD slots, the calendar it comes from; else null
 */
public record BusySource(String kind, String id, String accountId, String calendarId, String role, Instant start,
        Instant end, String title) {
}
