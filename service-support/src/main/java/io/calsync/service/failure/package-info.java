/**
 * What went wrong, and what to do about it, for both services: a {@link io.calsync.service.failure.Failure} names a
 * failure in calsync's terms (never an HTTP, Resilience4j, JDBC or Kafka type: the adapters translate theirs), and
 * the {@link io.calsync.service.failure.FailureClassifier} is the one place that decides, for the push path, the
 * poll path and the Kafka error handlers alike, whether to retry and when, to pause an account, to give up or to
 * dead-letter. Pure: nothing here performs I/O or imports a framework (a test keeps it so).
 */
package io.calsync.service.failure;
