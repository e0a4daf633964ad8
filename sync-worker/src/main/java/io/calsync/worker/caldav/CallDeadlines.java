package io.calsync.worker.caldav;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.http.client.methods.HttpRequestBase;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;

/**
 * A deadline for each whole call. Timeouts of the HTTP client bound each connect and each read, not a call: a
 * server sending a byte a second would hold a connection (and a bulkhead permit) for as long as it likes. At the
 * deadline the request is aborted from this timer's thread, which HttpClient 4.5 supports: the blocked connect or
 * read fails at once and the connection is discarded.
 */
final class CallDeadlines implements AutoCloseable {

    private final Duration deadline;
    private final ScheduledThreadPoolExecutor timer;

    CallDeadlines(Duration deadline) {
        this.deadline = deadline;
        CustomizableThreadFactory threads = new CustomizableThreadFactory("caldav-deadline-");
        threads.setDaemon(true);
        this.timer = new ScheduledThreadPoolExecutor(1, threads);
        timer.setRemoveOnCancelPolicy(true); // most calls finish in time: do not keep their cancelled tasks queued
    }

    Duration deadline() {
        return deadline;
    }

    /** Starts the clock for {@code request}; the caller {@linkplain Deadline#cancel() cancels} it when the call ends. */
    Deadline start(HttpRequestBase request) {
        AtomicBoolean expired = new AtomicBoolean();
        ScheduledFuture<?> abort = timer.schedule(() -> {
            expired.set(true);
            request.abort();
        }, deadline.toMillis(), TimeUnit.MILLISECONDS);
        return new Deadline(abort, expired);
    }

    /** One call's deadline. */
    record Deadline(ScheduledFuture<?> abort, AtomicBoolean expired) {

        /** Whether the call was aborted because its time was up. */
        boolean hasExpired() {
            return expired.get();
        }

        void cancel() {
            abort.cancel(false);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
