package io.calsync.availability.domain;

import java.time.Duration;

/** Checks a proposed booking against a user's busy time and schedule. */
public final class Conflicts {

    private Conflicts() {
    }

    /**
     * The proposed {@code [start, end)} conflicts with every busy item that overlaps it widened by the buffers
     * (touching is no conflict), the same rule by which {@link FreeSlotFinder} offers slots.
     */
    public static <S> ConflictReport<S> check(Interval proposed, Duration bufferBefore, Duration bufferAfter,
            BusyTime<S> busy, Schedule schedule) {
        if (bufferBefore.isNegative()) {
            throw new InvalidFieldException("bufferBefore", "must not be negative");
        }
        if (bufferAfter.isNegative()) {
            throw new InvalidFieldException("bufferAfter", "must not be negative");
        }
        Interval guarded = proposed.widen(bufferBefore, bufferAfter);
        return new ConflictReport<>(proposed, guarded, busy.overlapping(guarded), schedule.covers(proposed));
    }
}
