package io.calsync.availability.domain;

import java.util.List;

/**
 * Whether a proposed time can be booked.
 *
 * @param guarded the proposed time with its buffers: the time that must be free
 * @param conflicts the busy items that share time with {@code guarded}, by start
 * @param insideSchedule whether the proposed time itself (buffers aside) lies in working time
 */
public record ConflictReport<S>(Interval proposed, Interval guarded, List<BusyItem<S>> conflicts,
        boolean insideSchedule) {

    public ConflictReport {
        conflicts = List.copyOf(conflicts);
    }

    public boolean conflicting() {
        return !conflicts.isEmpty();
    }
}
