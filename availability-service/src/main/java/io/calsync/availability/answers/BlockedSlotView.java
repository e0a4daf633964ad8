package io.calsync.availability.answers;

import java.time.Instant;
import java.time.LocalDate;

/**
 * A blocked slot to show in the platform's calendar.
 *
 * @param source ICLOUD or NATIVE
 * @param role for ICLOUD slots, the source calendar's role: PRIMARY or CONFLICT
 * @param startDate for all-day slots whose local dates are known, the first day
 * @param endDate the day after the last (exclusive)
 * @param title as the calendar's privacy setting allows ("Busy" when it shows no titles)
 */
public record BlockedSlotView(String slotId, String source, String accountId, String calendarId, String role,
        String eventUid, String recurrenceId, Instant start, Instant end, boolean allDay, LocalDate startDate,
        LocalDate endDate, String title) {
}
