package io.calsync.worker.push;

import io.calsync.worker.caldav.CalDavException;
import java.time.Duration;
import java.util.Optional;

/**
 * Decides, for every failure of a call to Apple, which {@link FailurePolicy} applies. Authentication failures
 * are never retried; throttling, outages and timeouts are; other 4xx are given up.
 */
public final class FailureClassifier {

    private final Duration maxBackoff;

    public FailureClassifier(Duration maxBackoff) {
        this.maxBackoff = maxBackoff;
    }

    public FailurePolicy classify(Throwable failure, int attempts, double jitter) {
        if (failure instanceof CalDavException.Unauthorized) {
            return new FailurePolicy.PauseAccount("iCloud rejected the account's app-specific password");
        }
        if (failure instanceof CalDavException.Throttled t) {
            return retry(attempts, t.retryAfter(), jitter, failure);
        }
        if (failure instanceof CalDavException.Unreachable || failure instanceof CalDavException.ServerError
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
