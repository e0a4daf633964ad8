package io.calsync.benchmarks;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * An open-model load generator: request {@code i} is due at {@code start + i / rate} whatever happened to the ones
 * before, is sent asynchronously, and its latency is measured from when it was due, so a slow server shows up as
 * latency instead of being hidden by a client that waits (coordinated omission).
 */
final class OpenLoad {

    /** Latencies in nanoseconds, sorted; {@code failed} answers were not 200 (or not answered). */
    record Result(long[] latencies, int failed, double seconds) {

        double percentileMillis(double p) {
            if (latencies.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.ceil(p / 100.0 * latencies.length) - 1;
            return latencies[Math.max(0, Math.min(latencies.length - 1, index))] / 1e6;
        }

        double maxMillis() {
            return latencies.length == 0 ? Double.NaN : latencies[latencies.length - 1] / 1e6;
        }
    }

    private OpenLoad() {
    }

    static Result run(int rate, Duration duration, IntFunction<HttpRequest> request) throws InterruptedException {
        int count = (int) (rate * duration.toMillis() / 1000);
        long interval = 1_000_000_000L / rate;
        long[] latencies = new long[count];
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(count);
        ExecutorService executor = Executors.newCachedThreadPool();
        HttpClient http = HttpClient.newBuilder().executor(executor).connectTimeout(Duration.ofSeconds(5)).build();
        long start = System.nanoTime() + 20_000_000L;
        for (int i = 0; i < count; i++) {
            long due = start + i * interval;
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            http.sendAsync(request.apply(i), HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, error) -> {
                latencies[index] = System.nanoTime() - due;
                if (error != null || response.statusCode() != 200) {
                    failed.incrementAndGet();
                }
                done.countDown();
            });
        }
        done.await(2, TimeUnit.MINUTES);
        double seconds = (System.nanoTime() - start) / 1e9;
        executor.shutdownNow();
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        return new Result(sorted, failed.get() + (int) done.getCount(), seconds);
    }
}
