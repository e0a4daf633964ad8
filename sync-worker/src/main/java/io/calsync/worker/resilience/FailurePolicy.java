package io.calsync.worker.resilience;

import java.time.Duration;
import java.util.Optional;

/**
 * What to do about a failed call to Apple, as a closed set of outcomes. Pure: the dispatcher decides with it,
 * and so can any other caller; nothing here performs I/O.
 */
public sealed interface FailurePolicy {

    /** Try again after {@code delay} (at least what Apple's {@code Retry-After} asked for). */
    record RetryLater(Duration delay, String reason) implements FailurePolicy {
    }

    /** Apple rejected the credentials: stop working this account until the user enters a new password. */
    record PauseAccount(String reason) implements FailurePolicy {
    }

    /** Repeating cannot fix this request. */
    record GiveUp(String reason) implements FailurePolicy {
    }

    /** Not Apple's doing: a defect in calsync. Retried slowly, and loud in the logs. */
    record Bug(String reason) implements FailurePolicy {
    }

    /** Exponential back-off with full jitter, floored by Apple's {@code Retry-After}, capped by {@code max}. */
    static Duration backoff(int attempts, Optional<Duration> retryAfter, Duration max, double jitter) {
        long base = Math.min(max.toMillis(), 1000L << Math.min(attempts, 20));
        long delay = (long) (base / 2.0 + base / 2.0 * jitter);
        Duration computed = Duration.ofMillis(delay);
        Duration floor = retryAfter.map(r -> r.compareTo(max) > 0 ? max : r).orElse(Duration.ZERO);
        return computed.compareTo(floor) < 0 ? floor : computed;
    }
}
