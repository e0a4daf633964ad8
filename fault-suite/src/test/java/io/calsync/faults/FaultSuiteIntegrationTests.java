package io.calsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentSynced;
import io.calsync.faults.AvailabilityProcess.BusySource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The fault suite, faults of calsync's own infrastructure, each on real components as separate OS processes (Kafka
 * broker, sync-worker, availability-service), printing its figures: the Kafka broker killed and started again while
 * appointments stream in, and the availability-service killed while it ingests. Afterwards no appointment is lost or
 * doubled in the calendars, every appointment has its outcome event, and the busy time the availability-service
 * answers is exactly the appointments'. The rest of the suite, with the same assertions: PostgreSQL restarted
 * ({@link DatabaseOutageIntegrationTests}), Apple failing for a minute ({@link AppleOutageIntegrationTests}), the
 * worker killed mid-stream ({@link ReliabilityIntegrationTests}; for the read path {@link
 * PollReliabilityIntegrationTests}).
 */
@Order(2) // see Lanes
@ResourceLock(Lanes.INFRASTRUCTURE)
class FaultSuiteIntegrationTests {

    private static final int PER_PHASE = 100;
    private static ReliabilityEnvironment env;
    private static WorkerProcess worker;
    private static AvailabilityProcess availability; // the one running: the ingest test replaces the one it kills
    private static List<ReliabilityEnvironment.User> users;

    // one worker and one availability-service for both faults (each start costs a JVM's start-up on a busy machine);
    // the tests' appointments have ids and half-hour slots of their own
    @BeforeAll
    static void start() throws Exception {
        env = Lanes.environment(Lanes.INFRASTRUCTURE);
        worker = env.worker("fault-suite").start();
        availability = env.availability();
        users = env.users(worker, 5);
    }

    @AfterAll
    static void stop() {
        env.closeProcesses();
    }

    @Test
    void kafkaBrokerKilledAndStartedAgainMidStream_nothingLostNothingDoubled() throws Exception {
        Map<String, Long> desired = new HashMap<>();
        publish(users, "broker-a", 0, desired);
        Awaitility.await("pushing under way").atMost(Duration.ofSeconds(60))
                .until(() -> env.syncedIds().stream().filter(id -> id.startsWith("broker-a")).count() >= 10);

        long killed = System.nanoTime();
        env.kafka.kill();
        Awaitility.await("the broker away").pollDelay(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(11))
                .until(() -> true);
        env.kafka.start();
        long restarted = System.nanoTime();
        publish(users, "broker-b", PER_PHASE, desired);
        Awaitility.await("every appointment synced").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> env.syncedIds().containsAll(desired.keySet()));
        long recovered = System.nanoTime();

        CalendarAudit calendars = CalendarAudit.of(users, desired);
        int busy = awaitAppointmentsBusy(availability, users, desired.keySet());
        System.out.printf("fault: Kafka broker kill -9 with %d appointment records streaming: outage %d ms, all pushed"
                + " %d ms after the broker was back; calendars %s; outcome events for %d of %d; busy appointments %d%n",
                desired.size(), (restarted - killed) / 1_000_000, (recovered - restarted) / 1_000_000, calendars,
                outcomes(desired.keySet()), desired.size(), busy);
        assertThat(calendars).isEqualTo(new CalendarAudit(desired.size(), 0, 0, 0));
        assertThat(outcomes(desired.keySet())).isEqualTo(desired.size());
        assertThat(busy).isEqualTo(desired.size());
    }

    @Test
    void availabilityServiceKilledMidIngest_itsBusyTimeIsExactAfterwards() throws Exception {
        Map<String, Long> desired = new HashMap<>();
        publish(users, "ingest-a", 2 * PER_PHASE, desired);
        Map<String, Long> streaming = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.CompletableFuture<Void> stream = java.util.concurrent.CompletableFuture.runAsync(
                () -> publish(users, "ingest-b", 3 * PER_PHASE, streaming));

        long killed = System.nanoTime();
        availability.kill(); // while the second hundred streams in, and the first is still being ingested
        stream.get(60, java.util.concurrent.TimeUnit.SECONDS);
        desired.putAll(streaming);
        availability = env.restarted(availability);
        long restarted = System.nanoTime();
        int busy = awaitAppointmentsBusy(availability, users, desired.keySet());
        long recovered = System.nanoTime();
        Awaitility.await("every appointment synced").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> env.syncedIds().containsAll(desired.keySet()));

        System.out.printf("fault: availability-service kill -9 while ingesting %d appointment records: back after %d ms,"
                + " busy time exact %d ms later (%d appointments busy)%n", desired.size(),
                (restarted - killed) / 1_000_000, (recovered - restarted) / 1_000_000, busy);
        assertThat(busy).isEqualTo(desired.size());
        assertThat(CalendarAudit.of(users, desired)).isEqualTo(new CalendarAudit(desired.size(), 0, 0, 0));
    }

    private static void publish(List<ReliabilityEnvironment.User> users, String prefix, int firstSlot,
            Map<String, Long> desired) {
        for (int i = 0; i < PER_PHASE; i++) {
            ReliabilityEnvironment.User user = users.get(i % users.size());
            String id = prefix + "-" + i + "-" + user.userId();
            env.events.publish(ReliabilityEnvironment.booking(user, id, firstSlot + i));
            desired.put(id, 1L);
        }
    }

    /** Appointments with an {@code appointment.synced} for their revision 1. */
    private static int outcomes(Set<String> ids) {
        Set<String> synced = new HashSet<>();
        env.events.events(AppointmentSynced.class).stream().filter(e -> e.revision() == 1)
                .forEach(e -> synced.add(e.appointmentId()));
        synced.retainAll(ids);
        return synced.size();
    }

    /** Waits until the availability-service answers every appointment as busy, once; answers how many it does. */
    private static int awaitAppointmentsBusy(AvailabilityProcess availability, List<ReliabilityEnvironment.User> users,
            Set<String> ids) {
        Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant to = from.plus(30, ChronoUnit.DAYS);
        return Awaitility.await("busy time of every appointment").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1)).until(() -> {
                    int busy = 0;
                    for (ReliabilityEnvironment.User user : users) {
                        for (BusySource source : availability.busySources(user.tenantId(), user.userId(), from, to)) {
                            busy += source.kind().equals("APPOINTMENT") && ids.contains(source.id()) ? 1 : 0;
                        }
                    }
                    return busy;
                }, busy -> busy == ids.size());
    }
}
