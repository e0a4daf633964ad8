package io.calsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.Topics;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.RestartablePostgres;
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

/**
 * Fault suite, PostgreSQL restarted; and transient is not poison: PostgreSQL stopped for a minute while appointments
 * stream in, then started again, dead-letters none of them. The partitions wait, everything is pushed once the
 * database is back, every outcome event is published, and the availability-service (on the same PostgreSQL, as in
 * production) answers exactly the appointments' busy time. Both services run on a PostgreSQL of this test's own, so
 * that stopping it disturbs no other test.
 */
@Order(1) // see Lanes
@ResourceLock(Lanes.INFRASTRUCTURE)
class DatabaseOutageIntegrationTests {

    private static final int RECORDS = 500;
    private static RestartablePostgres postgres;
    private static ReliabilityEnvironment env;

    @BeforeAll
    static void start() {
        env = Lanes.environment(Lanes.INFRASTRUCTURE);
        postgres = Lanes.restartablePostgres();
    }

    @AfterAll
    static void stop() {
        env.closeProcesses();
    }

    @Test
    void postgresqlStoppedForAMinuteWhile500RecordsStreamIn_noneIsDeadLettered_allArePushedAfterwards() throws Exception {
        WorkerProcess worker = env.worker("outage-worker", Map.of("spring.datasource.hikari.connection-timeout", "2000"))
                .start();
        AvailabilityProcess availability = env.availability();
        List<ReliabilityEnvironment.User> users = env.users(worker, 5);
        Map<String, Long> desired = new HashMap<>();
        Map<String, AppointmentBusyAudit.Slot> slots = new HashMap<>();
        try (KafkaEvents deadLetters = new KafkaEvents(env.kafka.bootstrapServers(), Topics.deadLetter(Topics.APPOINTMENTS),
                Topics.deadLetter(Topics.BLOCKED_SLOTS), Topics.deadLetter(Topics.INTEGRATIONS))) {
            env.publishBookings(users, "outage", 0, 100, desired, slots);
            postgres.stop();
            long stopped = System.nanoTime();
            env.publishBookings(users, "outage", 100, RECORDS, desired, slots);
            long began = stopped;
            Awaitility.await("a minute without PostgreSQL").atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> System.nanoTime() - began >= Duration.ofSeconds(60).toNanos());
            postgres.startAgain();
            long restarted = System.nanoTime();

            Awaitility.await("all pushed after the restart").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> env.syncedIds().containsAll(desired.keySet()));
            long pushed = System.nanoTime();
            AppointmentBusyAudit busy = Awaitility.await("the busy time of every appointment")
                    .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> AppointmentBusyAudit.of(availability, users, slots), AppointmentBusyAudit::isExact);
            long exact = System.nanoTime();
            CalendarAudit calendars = CalendarAudit.of(users, desired);
            System.out.printf("fault: PostgreSQL stopped for %d s while %d appointment records streamed in, then started"
                    + " again: all pushed %d ms after it was back, busy time exact after %d ms; calendars %s; outcome"
                    + " events for %d of %d; busy %s; dead-lettered %d%n", (restarted - began) / 1_000_000_000,
                    RECORDS, (pushed - restarted) / 1_000_000, (exact - restarted) / 1_000_000, calendars,
                    env.syncedIds().stream().filter(desired::containsKey).count(), desired.size(), busy,
                    deadLetters.received().size());
            assertThat(deadLetters.received()).as("records dead-lettered").isEmpty();
            assertThat(calendars).isEqualTo(new CalendarAudit(RECORDS, 0, 0, 0));
        }
        availability.close();
        worker.close();
    }
}
