package io.calsync.worker.ical;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * One stretch of an iCloud event inside the sync window, with what per-calendar busy rules need to decide about it
 * (its STATUS, TRANSP and the account's own PARTSTAT) but no decision taken, and no attendee or organizer data.
 *
 * @param recurrenceId for an instance of a recurring event (or an override), its original start: an RFC 3339
 *     instant in UTC, or an ISO date for all-day series; null for a single event. Stable across polls.
 * @param start the instant it starts; for all-day events the start of {@code startDate} in the calendar's zone
 * @param end exclusive; for all-day events the start of {@code endDate} in the calendar's zone
 * @param startDate for all-day events (DATE values) the first local day, else null
 * @param endDate for all-day events the day after the last one (exclusive, as DTEND is), else null
 * @param status STATUS of the component that governs this instance; an event without STATUS counts as CONFIRMED
 * @param transparent TRANSP:TRANSPARENT (RFC 5545 section 3.8.2.7): the event does not take up time
 * @param ownPartStat the account's own attendee answer, see {@link OwnParticipation}
 */
public record Occurrence(
        String uid,
        String recurrenceId,
        Instant start,
        Instant end,
        boolean allDay,
        LocalDate startDate,
        LocalDate endDate,
        EventStatus status,
        boolean transparent,
        PartStat ownPartStat,
        String title) {

    public Occurrence {
        Objects.requireNonNull(uid, "uid");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(ownPartStat, "ownPartStat");
        if (allDay != (startDate != null) || allDay != (endDate != null)) {
            throw new IllegalArgumentException("local dates go with all-day occurrences only");
        }
    }

    /** Free time whatever the calendar's rules: TRANSP:TRANSPARENT or STATUS:CANCELLED (DESIGN.md, Poll). */
    public boolean alwaysFree() {
        return transparent || status == EventStatus.CANCELLED;
    }
}
