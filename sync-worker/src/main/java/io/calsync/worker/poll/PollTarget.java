package io.calsync.worker.poll;

import io.calsync.contracts.CalendarRole;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A selected calendar claimed for polling, with what the last poll saw. */
record PollTarget(
        UUID accountId,
        String calendarId,
        String tenantId,
        String userId,
        CalendarRole role,
        String ctag,
        LocalDate windowStart,
        Instant lastSuccessAt,
        int failures) {
}
