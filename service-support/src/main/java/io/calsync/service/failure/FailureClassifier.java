package io.calsync.service.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * The one place that decides what a failure means, for the push path, the poll path, the connect API and the Kafka
 * error handlers: credentials rejected pause the account; throttling, outages, an open circuit, calsync's own
 * limits and a store or broker away are retried (for as long as they last); a refused request and an unreadable
 * record are given up at once; anything else is a bug, retried slowly. Retries back off exponentially with full
 * jitter up to {@code maxBackoff}; a {@code Retry-After} is honoured as a floor, up to {@link #MAX_RETRY_AFTER} and
 * never beyond, whatever the server asked for.
 */
public final class FailureClassifier {

    /** The longest {@code Retry-After} calsync honours; a server asking for more gets this (as DAVx5 does). */
    public static final Duration MAX_RETRY_AFTER = Duration.ofHours(2);

    private final Duration maxBackoff;
    private final Duration openCircuitWait;

    /**
     * @param maxBackoff the longest back-off between attempts without a {@code Retry-After}
     * @param openCircuitWait how long an open circuit breaker waits before it lets a probe through
     */
    public FailureClassifier(Duration maxBackoff, Duration openCircuitWait) {
        this.maxBackoff = maxBackoff;
        this.openCircuitWait = openCircuitWait;
    }

    /**
     * @param attempts how many times this work failed before (0 on its first failure)
     * @param jitter a number in {@code [0, 1)}, random in production, fixed in tests
     */
    public FailurePolicy decide(Failure failure, int attempts, double jitter) {
        if (failure instanceof Failure.CredentialsRejected) {
            return new FailurePolicy.PauseAccount(failure.detail());
        }
        if (failure instanceof Failure.Throttled throttled) {
            return new FailurePolicy.RetryLater(backoff(attempts, throttled.retryAfter(), jitter), failure.detail());
        }
        if (failure instanceof Failure.Unavailable || failure instanceof Failure.StoreUnavailable) {
            return new FailurePolicy.RetryLater(backoff(attempts, Optional.empty(), jitter), failure.detail());
        }
        if (failure instanceof Failure.CircuitOpen) {
            // the failing side as a whole: wait for the breaker to probe again, without counting an attempt
            return new FailurePolicy.RetryLater(openCircuitWait.plusMillis((long) (1000 * jitter)), failure.detail(),
                    false);
        }
        if (failure instanceof Failure.Busy) {
            return new FailurePolicy.RetryLater(Duration.ofMillis(500 + (long) (1500 * jitter)), failure.detail(), false);
        }
        if (failure instanceof Failure.Refused || failure instanceof Failure.Unreadable) {
            return new FailurePolicy.GiveUp(failure.detail());
        }
        return new FailurePolicy.Bug(backoff(attempts + 4, Optional.empty(), jitter), failure.detail());
    }

    /** {@code asked}, clamped to {@code [0, MAX_RETRY_AFTER]}: what calsync honours of a {@code Retry-After}. */
    public static Duration honoured(Duration asked) {
        return asked.isNegative() ? Duration.ZERO : asked.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : asked;
    }

    /** Exponential back-off with full jitter, capped by {@code maxBackoff}, floored by the honoured Retry-After. */
    Duration backoff(int attempts, Optional<Duration> retryAfter, double jitter) {
        long base = Math.min(maxBackoff.toMillis(), 1000L << Math.min(attempts, 20));
        Duration computed = Duration.ofMillis((long) (base / 2.0 + base / 2.0 * jitter));
        Duration floor = retryAfter.map(FailureClassifier::honoured).orElse(Duration.ZERO);
        return computed.compareTo(floor) < 0 ? floor : computed;
    }
}
