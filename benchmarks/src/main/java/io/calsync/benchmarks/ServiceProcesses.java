package io.calsync.benchmarks;

import io.calsync.testsupport.JsonHttp;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;

/** Waiting for a calsync service started as a child process. */
final class ServiceProcesses {

    private ServiceProcesses() {
    }

    /**
     * Waits until the service's readiness probe answers 200; minutes, not seconds: on a machine loaded by other builds
     * a Spring Boot start can take that long. A service that exits or never gets ready is killed and reported.
     */
    static void awaitReady(Process process, String baseUrl, Path log, String name) {
        JsonHttp health = new JsonHttp(baseUrl);
        try {
            Awaitility.await(name + " up").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the " + name + " exited; see " + log);
                }
                try {
                    return health.get("/actuator/health/readiness").status() == 200;
                } catch (RuntimeException notYet) {
                    return false;
                }
            });
        } catch (RuntimeException notStarted) {
            process.destroyForcibly();
            throw notStarted;
        }
    }
}
