/**
 * Resilience around Apple: {@link io.calsync.worker.resilience.AppleGuard} wraps every call to iCloud in
 * Resilience4j's bulkhead (bounded concurrency), circuit breaker (Apple as a whole) and rate limiter (per account);
 * {@link io.calsync.worker.resilience.AppleFailures} says what a failure of such a call is in calsync's terms, for
 * the one pure {@link io.calsync.service.failure.FailureClassifier} to decide on. Timeouts are the HTTP client's:
 * connect, socket read and connection-pool lease, on every call.
 */
package io.calsync.worker.resilience;
