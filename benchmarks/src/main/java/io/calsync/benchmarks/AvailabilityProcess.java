package io.calsync.benchmarks;

import io.calsync.availability.AvailabilityApplication;
import io.calsync.infra.FreePorts;
import io.calsync.infra.KafkaBroker;
import io.calsync.infra.PostgresServer;
import io.calsync.testsupport.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** An availability-service in its own process (its CPU is its own), on the benchmark's Kafka broker and a database. */
final class AvailabilityProcess implements AutoCloseable {

    private final Process process;
    private final int port;

    private AvailabilityProcess(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Starts the service reading the topics as consumer group {@code group}, and waits until it is ready. */
    static AvailabilityProcess start(KafkaBroker kafka, PostgresServer postgres, String database, String group)
            throws IOException {
        int port = FreePorts.next();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m"));
        String jvmArgs = System.getProperty("calsync.availability.jvmArgs", "");
        if (!jvmArgs.isBlank()) {
            command.addAll(List.of(jvmArgs.trim().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AvailabilityApplication.class.getName(),
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.kafka.consumer.group-id=" + group,
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "--logging.level.root=WARN"));
        Path log = Files.createTempFile("calsync-bench-availability-", ".log");
        AvailabilityProcess service = new AvailabilityProcess(new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start(), port);
        ServiceProcesses.awaitReady(service.process, service.baseUrl(), log, "availability-service");
        return service;
    }

    long pid() {
        return process.pid();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
