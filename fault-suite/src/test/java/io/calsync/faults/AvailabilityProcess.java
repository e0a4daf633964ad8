package io.calsync.faults;

import io.calsync.availability.AvailabilityApplication;
import io.calsync.testsupport.ChildProcesses;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.TestDatabase;
import io.calsync.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;

/**
 * The availability-service in its own OS process, consuming the reliability tests' Kafka broker into its own
 * database: what a booking service would ask is what the tests check, not what they read off a topic themselves.
 */
final class AvailabilityProcess implements AutoCloseable {

    /** One thing that makes a user busy, as {@code GET .../busy?explain=true} names it. */
    record BusySource(String kind, String id, String accountId, String calendarId, Instant start, Instant end) {
    }

    private final int port;
    private final Path log;
    private final Process process;
    private final String bootstrapServers;
    private final TestDatabase database;

    private AvailabilityProcess(int port, Path log, Process process, String bootstrapServers, TestDatabase database) {
        this.port = port;
        this.log = log;
        this.process = process;
        this.bootstrapServers = bootstrapServers;
        this.database = database;
    }

    /** SIGKILL: no shutdown hook runs, as when its machine dies. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /** The service started again on the same port, broker and database (after {@link #kill()}). */
    AvailabilityProcess relaunch() {
        return launch(port, bootstrapServers, database);
    }

    /** Starts the process; {@link #awaitReady()} waits until it answers. */
    static AvailabilityProcess launch(int port, String bootstrapServers, TestDatabase database) {
        try {
            Path log = Files.createTempFile("calsync-availability-", ".log");
            List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    AvailabilityApplication.class.getName(), "--server.port=" + port,
                    "--spring.kafka.bootstrap-servers=" + bootstrapServers,
                    "--spring.datasource.url=" + database.jdbcUrl(),
                    "--spring.datasource.username=" + database.user(),
                    "--spring.datasource.password=" + database.password(),
                    "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                    "--logging.level.io.calsync=INFO",
                    "--spring.datasource.hikari.maximum-pool-size=3", // see ReliabilityEnvironment.worker
                    // a killed instance leaves its group after 10 s rather than Kafka's 45 s: a restarted one is ready
                    // (every consumer joined) that much sooner
                    "--spring.kafka.consumer.properties.session.timeout.ms=10000",
                    // the broker answers a fetch as soon as a record arrives; this only bounds an idle one (Kafka's
                    // 500 ms: each consumer asking twice a second for nothing, with a dozen processes alive at once)
                    "--spring.kafka.consumer.fetch-max-wait=5s");
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new AvailabilityProcess(port, log, process, bootstrapServers, database);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    AvailabilityProcess awaitReady() {
        JsonHttp health = new JsonHttp("http://127.0.0.1:" + port);
        Awaitility.await("availability-service healthy").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(250))
                .until(() -> {
                    if (!process.isAlive()) {
                        throw new IllegalStateException("availability-service exited with " + process.exitValue()
                                + "; log: " + log);
                    }
                    try {
                        return health.get("/actuator/health/readiness").status() == 200;
                    } catch (UncheckedIOException notYet) {
                        return false;
                    }
                });
        return this;
    }

    /** Every source of the user's busy time in {@code [from, to)}, as the API answers it. */
    List<BusySource> busySources(String tenantId, String userId, Instant from, Instant to) {
        JsonHttp.Response answer = new JsonHttp("http://127.0.0.1:" + port)
                .with("Authorization", TestTokens.bearer(TestTokens.forTenant(tenantId)))
                .get("/v1/tenants/" + tenantId + "/users/" + userId + "/busy?explain=true&from=" + from + "&to=" + to);
        if (answer.status() != 200) {
            throw new IllegalStateException("busy answered " + answer);
        }
        List<BusySource> sources = new ArrayList<>();
        for (JsonNode interval : answer.json().get("busy")) {
            for (JsonNode source : interval.get("sources")) {
                sources.add(new BusySource(source.get("kind").asString(), source.get("id").asString(),
                        text(source, "accountId"), text(source, "calendarId"), Instant.parse(source.get("start").asString()),
                        Instant.parse(source.get("end").asString())));
            }
        }
        return sources;
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    Path log() {
        return log;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            ChildProcesses.stop(process, Duration.ofSeconds(30));
        }
    }
}
