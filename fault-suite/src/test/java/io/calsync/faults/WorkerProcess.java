package io.calsync.faults;

import io.calsync.testsupport.ChildProcesses;
import io.calsync.testsupport.JsonHttp;
import io.calsync.worker.SyncWorkerApplication;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;

/** A sync-worker in its own OS process, so that a test can kill it with SIGKILL and start it again. */
final class WorkerProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final Path log;
    private boolean asDeployed;
    private Process process;

    WorkerProcess(String name, int port, List<String> arguments, Map<String, String> environment) throws IOException {
        this.name = name;
        this.port = port;
        this.arguments = arguments;
        this.environment = environment;
        this.log = Files.createTempFile("calsync-" + name + "-", ".log");
    }

    /**
     * Workers starting at once in this JVM (the suite's classes run side by side): a Spring Boot start is mostly CPU,
     * and ten of them at once on two cores took three minutes each; three at a time each start in a fraction of that.
     */
    private static final Semaphore STARTING = new Semaphore(3, true);

    /** Starts the worker and waits until it is ready (at most 180 s from when its start may begin). */
    WorkerProcess start() {
        STARTING.acquireUninterruptibly();
        try {
            return launch();
        } finally {
            STARTING.release();
        }
    }

    private WorkerProcess launch() {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // C1 only: these processes are started and killed often; startup time matters more than peak speed
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", classpath(),
                SyncWorkerApplication.class.getName(), "--server.port=" + port, "--calsync.worker.instance-id=" + name));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(environment); // secrets go by environment, never on a command line
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonHttp health = new JsonHttp("http://127.0.0.1:" + port);
        Awaitility.await(name + " healthy").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException(name + " exited with " + process.exitValue() + "; log: " + log);
                    }
                    try {
                        return health.get("/actuator/health/readiness").status() == 200;
                    } catch (UncheckedIOException notYet) {
                        return false;
                    }
                });
        return this;
    }

    /**
     * Runs the worker as deployed: without this module's test classes and resources on its classpath, so that its
     * logging is Spring Boot's own (the tests' {@code logback-test.xml} would replace it), structured logs included.
     */
    WorkerProcess asDeployed() {
        this.asDeployed = true;
        return this;
    }

    private String classpath() {
        String all = System.getProperty("java.class.path");
        return !asDeployed ? all : Arrays.stream(all.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes")).collect(Collectors.joining(File.pathSeparator));
    }

    /** SIGKILL: no shutdown hook, no graceful close, like a crashed machine. */
    void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    /** The lines of this worker's log (all its lives) that match, for a failing test's message. */
    List<String> logLines(Predicate<String> matching) {
        try (Stream<String> lines = Files.lines(log)) {
            return lines.filter(matching).toList();
        } catch (IOException e) {
            return List.of("(cannot read " + log + ": " + e.getMessage() + ")");
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            ChildProcesses.stop(process, Duration.ofSeconds(30));
        }
    }
}
