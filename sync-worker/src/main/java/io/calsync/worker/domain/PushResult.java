package io.calsync.worker.domain;

import io.calsync.contracts.SkipReason;
import io.calsync.contracts.SyncAction;
import io.calsync.service.failure.Failure;
import java.util.List;
import java.util.UUID;

/** What carrying out one {@link PushStep} came to: the next state of the appointment, and what the platform hears. */
public sealed interface PushResult {

    /** The event is in the Primary Calendar ({@code CREATED}, {@code UPDATED} or {@code MOVED}), at {@code event}. */
    record Written(SyncAction action, WrittenEvent event, List<Drift> drifts) implements PushResult {
    }

    /** The cancelled appointment's event is gone from where calsync wrote it. */
    record Removed(WrittenEvent event) implements PushResult {
    }

    /** Nothing to do for this revision, for a reason the platform is told. */
    record Skipped(SkipReason reason) implements PushResult {
    }

    /** The work waits until the user re-enters {@code account}'s password. */
    record Waiting(UUID account, String reason) implements PushResult {
    }

    /** The calendar holds this revision already: nothing to record, nothing to tell. */
    record Unchanged() implements PushResult {
    }

    /** iCloud's answer leaves the step undone (a conflict this step cannot resolve). */
    record Failed(Failure failure) implements PushResult {
    }

    /**
     * Someone changed ({@code deleted == false}) or deleted the event calsync wrote, in iCloud; the platform's version
     * was written over it, and the platform is told.
     */
    record Drift(WrittenEvent event, boolean deleted) {
    }
}
