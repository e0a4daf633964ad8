package io.calsync.service.failure;

import java.time.Duration;
import java.util.Optional;

/**
 * A failure in calsync's own terms, as an adapter describes it: the CalDAV adapter for Apple's answers, the guards
 * for calsync's own limits, the Kafka and store adapters for records and for PostgreSQL or the broker. {@code detail}
 * says what happened for a log line or an event; it never holds a secret.
 */
public sealed interface Failure {

    String detail();

    /** The other side rejected the credentials (Apple: 401), for {@code account} when the caller named it. */
    record CredentialsRejected(String detail, Optional<String> account) implements Failure {
    }

    /** The other side asks calsync to slow down, perhaps saying for how long ({@code Retry-After}, unclamped). */
    record Throttled(String detail, Optional<Duration> retryAfter) implements Failure {
    }

    /** The other side is failing: no answer, a reset, a timeout, a 5xx. Worth trying again later. */
    record Unavailable(String detail) implements Failure {
    }

    /** calsync's circuit breaker stopped calling a side that has been failing. */
    record CircuitOpen(String detail) implements Failure {
    }

    /** calsync's own limits refused the call for now (an account over its rate, all connections busy). */
    record Busy(String detail) implements Failure {
    }

    /** The other side refused this request, and would refuse it again (a 4xx, a redirect, an answer too large). */
    record Refused(String detail) implements Failure {
    }

    /** Input that cannot be read or stored, whatever happens around it (a broken record, values PostgreSQL refuses). */
    record Unreadable(String detail) implements Failure {
    }

    /** calsync's own store or broker is away (PostgreSQL restarting or unreachable, the broker down). */
    record StoreUnavailable(String detail) implements Failure {
    }

    /** None of the above: a defect in calsync. */
    record Defect(String detail) implements Failure {
    }
}
