/**
 * Benchmarks that measure calsync on its real components and print figures; budgets are compared in the
 * printout, never asserted in tests. {@link io.calsync.benchmarks.PushBenchmark} measures the push path.
 */
package io.calsync.benchmarks;
