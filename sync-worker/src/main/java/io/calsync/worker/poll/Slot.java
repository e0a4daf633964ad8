package io.calsync.worker.poll;

import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.SlotDigest;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * A blocked slot as calsync publishes it for one occurrence of one iCloud event. An all-day slot also carries its
 * local dates ({@code endDate} exclusive) so a UI can show it as all-day; they are not stored in the ledger (the
 * instants already change when the dates or the calendar's zone do), so slots read back from it have none.
 */
record Slot(
        String slotId,
        String tenantId,
        String userId,
        UUID accountId,
        String calendarId,
        CalendarRole role,
        String eventUid,
        String recurrenceId,
        Instant start,
        Instant end,
        boolean allDay,
        LocalDate startDate,
        LocalDate endDate,
        String title) implements SlotDigest.Slot {

    /** Stable across polls: the same occurrence of the same event in the same calendar keeps its slot id. */
    static String idOf(UUID accountId, String calendarId, String eventUid, String recurrenceId) {
        String name = accountId + "\n" + calendarId + "\n" + eventUid + "\n" + (recurrenceId == null ? "" : recurrenceId);
        return "icloud-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether publishing {@code other} instead of this would change what consumers see. */
    boolean sameAs(Slot other) {
        return start.equals(other.start) && end.equals(other.end) && allDay == other.allDay && role == other.role
                && java.util.Objects.equals(title, other.title);
    }
}
