package io.calsync.worker.domain;

import io.calsync.contracts.SkipReason;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * The push path's decisions, pure: from the desired state of an appointment, where calsync wrote it and what is
 * known of the accounts, the next step ({@link #plan}); from a conflict iCloud answered with, what follows
 * ({@link #afterConflict}). The dispatcher carries the steps out; nothing here calls anything.
 */
public final class PushPlanner {

    public static final String PAUSED = "account needs re-authentication";

    private PushPlanner() {
    }

    /**
     * @param appointment the desired state, at its revision
     * @param writtenRevision the revision calsync last wrote (or removed), if any
     * @param written where calsync wrote the event, if it did
     * @param primary the user's Primary Calendar, if one is chosen
     * @param accounts the state of an account by id
     */
    public static PushStep plan(Appointment appointment, Optional<Long> writtenRevision, Optional<WrittenEvent> written,
            Optional<PrimaryCalendar> primary, Function<UUID, AccountState> accounts) {
        if (writtenRevision.isPresent() && writtenRevision.get() >= appointment.revision() && (appointment.cancelled()
                ? written.isEmpty() : written.isPresent() && primary.isPresent() && written.get().isIn(primary.get()))) {
            return new PushStep.Nothing();
        }
        if (appointment.cancelled()) {
            if (written.isEmpty()) {
                return new PushStep.Skip(SkipReason.NOTHING_TO_REMOVE);
            }
            return switch (accounts.apply(written.get().accountId())) {
                case DISCONNECTED -> new PushStep.Skip(SkipReason.ACCOUNT_DISCONNECTED);
                case NEEDS_REAUTH -> new PushStep.Wait(written.get().accountId(), PAUSED);
                case CONNECTED -> new PushStep.Delete(written.get());
            };
        }
        if (primary.isEmpty() || accounts.apply(primary.get().accountId()) == AccountState.DISCONNECTED) {
            return new PushStep.Skip(SkipReason.NO_PRIMARY_CALENDAR);
        }
        if (accounts.apply(primary.get().accountId()) == AccountState.NEEDS_REAUTH) {
            return new PushStep.Wait(primary.get().accountId(), PAUSED);
        }
        if (written.isEmpty()) {
            return new PushStep.Create(primary.get());
        }
        if (written.get().isIn(primary.get())) {
            return new PushStep.Update(written.get());
        }
        return new PushStep.Move(written.get(), primary.get(), switch (accounts.apply(written.get().accountId())) {
            case NEEDS_REAUTH -> PushStep.RemoveOld.AFTER_REAUTHENTICATION;
            case DISCONNECTED -> PushStep.RemoveOld.NEVER;
            case CONNECTED -> PushStep.RemoveOld.NOW;
        });
    }

    /** What iCloud answered a write or a removal with, when it was not a success. */
    public enum Conflict {
        /** 412: the precondition failed (the resource exists, or its ETag changed). */
        PRECONDITION_FAILED,
        /** 404: the resource is not there. */
        NOT_FOUND
    }

    /** What follows a conflict. */
    public enum FollowUp {
        /** A create found the resource there, written by calsync before a crash lost the record: read its ETag, update. */
        ADOPT,
        /** The event changed in iCloud: tell the platform (drift), read its ETag, write the platform's version over it. */
        OVERWRITE,
        /** The event was deleted in iCloud: tell the platform (drift), write it again. */
        WRITE_AGAIN,
        /** Nothing is left to do: what was to be removed is gone already. */
        DONE,
        /** Not a conflict this step can resolve: a failure, classified as such. */
        FAIL
    }

    public static FollowUp afterConflict(PushStep step, Conflict conflict) {
        if (step instanceof PushStep.Create || step instanceof PushStep.Move) {
            return conflict == Conflict.PRECONDITION_FAILED ? FollowUp.ADOPT : FollowUp.FAIL;
        }
        if (step instanceof PushStep.Update) {
            return conflict == Conflict.PRECONDITION_FAILED ? FollowUp.OVERWRITE : FollowUp.WRITE_AGAIN;
        }
        if (step instanceof PushStep.Delete) {
            return conflict == Conflict.NOT_FOUND ? FollowUp.DONE : FollowUp.FAIL;
        }
        return FollowUp.FAIL;
    }
}
