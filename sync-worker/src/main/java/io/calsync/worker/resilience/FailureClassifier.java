package io.calsync.worker.resilience;

import io.calsync.worker.caldav.CalDavException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides, for every failure of a call to Apple, which {@link FailurePolicy} applies. Authentication failures
 * are never retried; throttling, outages and timeouts (a call past its deadline included) are, and so are calls
 * that calsync's own guards refused (open circuit, account over its rate, all connections busy); other 4xx,
 * redirects and answers over calsync's limits are given up: repeating the same request gets the same answer.
 */
public final class FailureClassifier {

    private final Duration maxBackoff;
    private final Duration openCircuitWait;

    public FailureClassifier(Duration maxBackoff, Duration openCircuitWait) {
        this.maxBackoff = maxBackoff;
        this.openCircuitWait = openCircuitWait;
    }

    public FailurePolicy classify(Throwable failure, int attempts, double jitter) {
        if (failure instanceof CallNotPermittedException) {
            // Apple as a whole is failing: wait for the breaker to probe again, without counting an attempt
            return new FailurePolicy.RetryLater(openCircuitWait.plusMillis((long) (1000 * jitter)),
                    "circuit breaker open: iCloud is failing");
        }
        if (failure instanceof RequestNotPermitted || failure instanceof BulkheadFullException) {
            return new FailurePolicy.RetryLater(Duration.ofMillis(500 + (long) (1500 * jitter)), failure.getMessage());
        }
        if (failure instanceof CalDavException.Unauthorized) {
            return new FailurePolicy.PauseAccount("iCloud rejected the account's app-specific password");
        }
        if (failure instanceof CalDavException.Throttled t) {
            return retry(attempts, t.retryAfter(), jitter, failure);
        }
        if (failure instanceof CalDavException.Unreachable || failure instanceof CalDavException.Timeout
                || failure instanceof CalDavException.ServerError
                || failure instanceof CalDavException.InsufficientStorage) {
            return retry(attempts, Optional.empty(), jitter, failure);
        }
        if (failure instanceof CalDavException e) {
            return new FailurePolicy.GiveUp("iCloud refused the request (" + e.status() + "): " + e.getMessage());
        }
        return new FailurePolicy.Bug(failure.getClass().getSimpleName() + ": " + failure.getMessage());
    }

    public Duration bugDelay(int attempts, double jitter) {
        return FailurePolicy.backoff(attempts + 4, Optional.empty(), maxBackoff, jitter);
    }

    private FailurePolicy retry(int attempts, Optional<Duration> retryAfter, double jitter, Throwable failure) {
        return new FailurePolicy.RetryLater(FailurePolicy.backoff(attempts, retryAfter, maxBackoff, jitter),
                failure.getMessage());
    }
}
