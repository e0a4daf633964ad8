/**
 * Benchmarks that measure calsync on its real components and print figures; budgets are compared in the
 * printout, never asserted in tests. {@link io.calsync.benchmarks.PushBenchmark} measures the push path
 * ({@code ./bench.sh}), {@link io.calsync.benchmarks.PollBenchmark} the read path against a plain full-listing client
 * ({@code ./bench.sh poll}), {@link io.calsync.benchmarks.AvailabilityBenchmark} the availability API under
 * open-model load ({@link io.calsync.benchmarks.OpenLoad}) and its ingest ({@code ./bench.sh availability}); the
 * worker and availability processes, proxy traffic, poll triggering and Radicale's storage are small shared
 * classes.
 */
package io.calsync.benchmarks;
