package io.calsync.testsupport;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Stopping the processes the fixtures start: politely (SIGTERM) first, by force when they do not go in time. */
public final class ChildProcesses {

    private ChildProcesses() {
    }

    /** Asks {@code process} to stop and waits up to {@code grace}; kills it when it is still there after that. */
    public static void stop(Process process, Duration grace) {
        process.destroy();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
