package io.calsync.testsupport;

import io.calsync.infra.FreePorts;
import io.calsync.infra.KafkaBrokerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Kafka broker in its own OS process, for tests that crash it: {@link #kill()} sends SIGKILL, and
 * {@link #start()} brings it back on the same ports and data directory.
 */
public final class KafkaProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private Process process;

    public KafkaProcess() {
        try {
            this.dataDir = Files.createTempDirectory("calsync-kafka-process-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public synchronized KafkaProcess start() {
        if (process != null && process.isAlive()) {
            return this;
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // C1 only: a test broker lives for minutes, and C2 compiling would take CPU from everything else on the machine
        List<String> command = List.of(java, "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"), KafkaBrokerMain.class.getName(),
                dataDir.toString(), String.valueOf(port), String.valueOf(controllerPort));
        try {
            Files.deleteIfExists(dataDir.resolve("broker.out"));
            process = new ProcessBuilder(command)
                    .redirectOutput(dataDir.resolve("broker.out").toFile())
                    .redirectError(dataDir.resolve("broker.err").toFile())
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Kafka broker process", e);
        }
        awaitReady();
        return this;
    }

    /** SIGKILL: no shutdown hook runs, exactly like a crashed machine. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public synchronized boolean isAlive() {
        return process != null && process.isAlive();
    }

    private void awaitReady() {
        Path out = dataDir.resolve("broker.out");
        try {
            Awaitility.await("Kafka broker process ready").atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("the Kafka broker process exited with "
                                    + process.exitValue() + " before it was ready; see " + dataDir.resolve("broker.err"));
                        }
                        return Files.exists(out) && Files.readString(out).contains(KafkaBrokerMain.READY);
                    });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new IllegalStateException("the Kafka broker process was not ready within 60 s; see "
                    + dataDir.resolve("broker.err"), e);
        }
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            ChildProcesses.stop(process, Duration.ofSeconds(30));
        }
    }
}
