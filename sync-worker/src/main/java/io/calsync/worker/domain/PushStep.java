package io.calsync.worker.domain;

import io.calsync.contracts.SkipReason;
import java.util.UUID;

/** What to do next for one revision of one appointment; {@link PushPlanner} decides it. */
public sealed interface PushStep {

    /** Write the event into the Primary Calendar for the first time ({@code If-None-Match: *}). */
    record Create(PrimaryCalendar target) implements PushStep {
    }

    /** Write the event over the one calsync wrote before, in the same calendar ({@code If-Match}). */
    record Update(WrittenEvent event) implements PushStep {
    }

    /**
     * The Primary Calendar changed: write the event into the new one, then remove it from the old one as
     * {@code removeOld} says.
     */
    record Move(WrittenEvent from, PrimaryCalendar to, RemoveOld removeOld) implements PushStep {
    }

    /** What becomes of the event in the old calendar when the event moves. */
    enum RemoveOld {
        /** Removed at once. */
        NOW,
        /**
         * Its account is paused: nothing is sent to it. The event is written into the new calendar, and the move
         * waits, to be finished (the old event removed) once the user re-enters the password.
         */
        AFTER_REAUTHENTICATION,
        /** Its account is disconnected: nothing of it can be touched any more. */
        NEVER
    }

    /** The appointment was cancelled: remove the event calsync wrote. */
    record Delete(WrittenEvent event) implements PushStep {
    }

    /** Nothing to do for this revision, for a reason the platform is told. */
    record Skip(SkipReason reason) implements PushStep {
    }

    /** Nothing can be done now without calling Apple for {@code account}, which is paused: the work waits. */
    record Wait(UUID account, String reason) implements PushStep {
    }

    /** The calendar already holds this revision (a repeated or older record): nothing to do and nothing to tell. */
    record Nothing() implements PushStep {
    }
}
