/**
 * Resilience around Apple: {@link io.calsync.worker.resilience.FailureClassifier} is the one pure function that
 * turns every failure into retry-later, pause-the-account, give-up or bug; {@link
 * io.calsync.worker.resilience.AppleGuard} wraps every call to iCloud in Resilience4j's bulkhead (bounded
 * concurrency), circuit breaker (Apple as a whole) and rate limiter (per account). Timeouts are the HTTP
 * client's: connect, socket read and connection-pool lease, on every call.
 */
package io.calsync.worker.resilience;
