package io.calsync.worker.resilience;

import io.calsync.service.failure.Failure;
import io.calsync.service.kafka.RecordFailures;
import io.calsync.worker.caldav.CalDavException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;

/**
 * What a failure of work that calls Apple is, in calsync's terms, for the {@link
 * io.calsync.service.failure.FailureClassifier}: Apple's answers as the CalDAV adapter describes them, calsync's own
 * guards refusing the call (an open circuit; an account over its rate or all connections busy), and the rest (PostgreSQL
 * away, a defect) as for any record.
 */
public final class AppleFailures {

    private AppleFailures() {
    }

    public static Failure of(Throwable thrown) {
        if (thrown instanceof CalDavException apple) {
            return apple.failure();
        }
        if (thrown instanceof CallNotPermittedException) {
            return new Failure.CircuitOpen("circuit breaker open: iCloud is failing");
        }
        if (thrown instanceof RequestNotPermitted || thrown instanceof BulkheadFullException) {
            return new Failure.Busy(thrown.getMessage());
        }
        return RecordFailures.of(thrown);
    }
}
