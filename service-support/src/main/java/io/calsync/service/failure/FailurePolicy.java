package io.calsync.service.failure;

import java.time.Duration;

/** What to do about a {@link Failure}, as {@link FailureClassifier} decides it. */
public sealed interface FailurePolicy {

    String reason();

    /**
     * Try again after {@code delay}; for a record, the partition waits that long. {@code counted}: whether this counts
     * as a failed attempt of the work (and grows its back-off); calsync's own guards refusing a call (an open circuit,
     * an account over its rate) say nothing about the work, and do not count.
     */
    record RetryLater(Duration delay, String reason, boolean counted) implements FailurePolicy {

        public RetryLater(Duration delay, String reason) {
            this(delay, reason, true);
        }
    }

    /** The credentials were rejected: no call for the account until the user enters a new password. */
    record PauseAccount(String reason) implements FailurePolicy {
    }

    /** Repeating cannot help: report it as failed for good; a record goes to its dead-letter topic at once. */
    record GiveUp(String reason) implements FailurePolicy {
    }

    /** A defect in calsync: tried again slowly after {@code delay}, and loud in the logs. */
    record Bug(Duration delay, String reason) implements FailurePolicy {
    }
}
