package io.calsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fault suite, Apple failing for a minute: for half a minute iCloud answers every request with 503 and a
 * {@code Retry-After}, for another half it resets every connection. The circuit breaker keeps the requests that
 * reach Apple far below the attempts the dispatcher makes, and after the minute everything arrives: calendars
 * exact, every outcome event published, the availability-service's busy time exactly the appointments'. The worker
 * logs as a production deployment does on request (Spring Boot's structured logging, ECS): every line is JSON with
 * the service's name, and none carries an app-specific password.
 */
@Order(1) // see Lanes
@ResourceLock(Lanes.READ_AND_APPLE)
class AppleOutageIntegrationTests {

    private static final int RECORDS = 100;
    private static final Duration HALF = Duration.ofSeconds(30);
    private static ReliabilityEnvironment env;

    @BeforeAll
    static void start() {
        env = Lanes.environment(Lanes.READ_AND_APPLE);
    }

    @AfterAll
    static void stop() {
        env.closeProcesses();
    }

    private static long sumOfAttempts() {
        return env.queryLong("SELECT coalesce(sum(attempts), 0) FROM appointment");
    }

    @Test
    void appleFailingForAMinute_requestsAreBoundedByTheCircuitBreaker_andEverythingArrivesAfterwards() throws Exception {
        // logging as a production deployment does on request: Spring Boot's structured logging, ECS JSON lines
        WorkerProcess worker = env.worker("apple-outage-worker", Map.of("logging.structured.format.console", "ecs",
                "spring.main.banner-mode", "off")).asDeployed().start();
        AvailabilityProcess availability = env.availability();
        List<ReliabilityEnvironment.User> users = env.users(worker, 5);
        Map<String, Long> desired = new HashMap<>();
        Map<String, AppointmentBusyAudit.Slot> slots = new HashMap<>();

        env.icloud.everyone().outage(Duration.ofSeconds(1));
        long failing = System.nanoTime();
        int before = env.icloud.requests().size();
        long attemptsBefore = sumOfAttempts();
        env.publishBookings(users, "apple-outage", 0, RECORDS, desired, slots);
        awaitSince(failing, HALF);
        long outageAttempts = sumOfAttempts() - attemptsBefore;
        long outageRequests = env.icloud.requests().size() - before;

        env.icloud.everyone().endOutage().resetConnections(Integer.MAX_VALUE);
        long resetting = System.nanoTime();
        int beforeResets = env.icloud.requests().size();
        long attemptsBeforeResets = sumOfAttempts();
        awaitSince(resetting, HALF);
        long resetAttempts = sumOfAttempts() - attemptsBeforeResets;
        long resetRequests = env.icloud.requests().size() - beforeResets;
        env.icloud.everyone().resetConnections(0);
        long recovered = System.nanoTime();

        Awaitility.await("all synced after recovery").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> env.syncedIds().containsAll(desired.keySet()));
        long synced = System.nanoTime();
        AppointmentBusyAudit busy = Awaitility.await("the busy time of every appointment").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> AppointmentBusyAudit.of(availability, users, slots), AppointmentBusyAudit::isExact);
        CalendarAudit calendars = CalendarAudit.of(users, desired);
        System.out.printf("fault: Apple failing for %d s with %d appointment records (503 for %d s: %d attempts, %d"
                + " reached Apple; connections reset for %d s: %d attempts, %d reached Apple); all synced %d ms after"
                + " Apple was back; calendars %s; busy %s%n", (recovered - failing) / 1_000_000_000, RECORDS,
                HALF.toSeconds(), outageAttempts, outageRequests, HALF.toSeconds(), resetAttempts, resetRequests,
                (synced - recovered) / 1_000_000, calendars, busy);
        assertThat(outageAttempts).as("attempts while Apple answered 503").isGreaterThanOrEqualTo(RECORDS);
        assertThat(outageRequests).as("requests that reached Apple while it answered 503").isLessThan(outageAttempts / 3);
        assertThat(resetAttempts).as("attempts while connections were reset").isGreaterThanOrEqualTo(RECORDS / 2);
        assertThat(resetRequests).as("requests that reached Apple while connections were reset")
                .isLessThan(resetAttempts / 3);
        assertThat(calendars).isEqualTo(new CalendarAudit(RECORDS, 0, 0, 0));
        availability.close();
        worker.close();
        structuredLogsWithoutSecrets(worker, users);
    }

    /** Every line the worker logged through the minute of failures is ECS JSON with its name, and none has a password. */
    private static void structuredLogsWithoutSecrets(WorkerProcess worker, List<ReliabilityEnvironment.User> users) {
        JsonMapper json = JsonMapper.builder().build();
        List<String> lines = worker.logLines(line -> !line.isBlank());
        assertThat(lines).as("log lines").hasSizeGreaterThan(100);
        for (String line : lines) {
            JsonNode entry;
            try {
                entry = json.readTree(line);
            } catch (RuntimeException notJson) {
                throw new AssertionError("not a structured log line: " + line, notJson);
            }
            assertThat(ecs(entry, "service", "name")).as("service of " + line).isEqualTo("calsync-sync-worker");
            assertThat(ecs(entry, "log", "level")).as("level of " + line).isNotEmpty();
            for (ReliabilityEnvironment.User user : users) {
                assertThat(line).doesNotContain(user.caldav().password());
            }
        }
    }

    /** An ECS field, nested ({@code {"service":{"name":…}}}) or with a dotted name ({@code "service.name"}). */
    private static String ecs(JsonNode entry, String object, String field) {
        JsonNode nested = entry.path(object).path(field);
        return nested.isMissingNode() ? entry.path(object + "." + field).asString("") : nested.asString("");
    }

    private static void awaitSince(long began, Duration period) {
        Awaitility.await("Apple failing for " + period.toSeconds() + " s").atMost(period.plusSeconds(10))
                .pollInterval(Duration.ofMillis(200)).until(() -> System.nanoTime() - began >= period.toNanos());
    }
}
