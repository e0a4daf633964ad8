package io.calsync.worker.ical;

import java.time.Instant;

/**
 * One busy stretch of an iCloud event inside the sync window.
 *
 * @param recurrenceId for an occurrence of a recurring event, its original start (RFC 3339, or an ISO date for
 *     all-day series); null for a single event
 * @param allDay the event uses DATE values; its start and end are then midnight UTC of its first and
 *     (exclusive) last day
 */
public record Occurrence(String uid, String recurrenceId, Instant start, Instant end, boolean allDay, String title) {
}
