package io.calsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.AppointmentRescheduled;
import io.calsync.contracts.AppointmentSyncSkipped;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.testsupport.KafkaEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Nothing is lost when Apple fails or the worker crashes, and several workers share the work without doing any of
 * it twice. Kafka and the workers run as their own OS processes; iCloud is Radicale behind the iCloud proxy.
 */
@Order(1) // see Lanes
@ResourceLock(Lanes.CRASHES)
class ReliabilityIntegrationTests {

    private static final Instant TOMORROW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    private static ReliabilityEnvironment env;

    @BeforeAll
    static void start() {
        env = Lanes.environment(Lanes.CRASHES);
    }

    @AfterAll
    static void stop() {
        env.closeProcesses();
    }

    @Test
    void killedRepeatedlyWhile2000RecordsStreamIn_theCalendarsEndExactlyAsDesired() throws Exception {
        WorkerProcess worker = env.worker("crashing-worker").start();
        AvailabilityProcess availability = env.availability();
        List<ReliabilityEnvironment.User> users = env.users(worker, 10);
        Random random = new Random(42);
        List<AppointmentEvent> stream = new ArrayList<>();
        Map<String, Long> desired = new HashMap<>();
        Map<String, ReliabilityEnvironment.User> owner = new HashMap<>();
        int appointments = 0;
        while (stream.size() < 2000) {
            ReliabilityEnvironment.User user = users.get(appointments % users.size());
            String id = "crash-" + appointments++;
            owner.put(id, user);
            stream.add(ReliabilityEnvironment.booking(user, id, appointments));
            desired.put(id, 1L);
        }
        // turn some bookings into reschedules and cancellations of earlier appointments, keeping each one's order
        List<AppointmentEvent> records = new ArrayList<>();
        Map<String, Long> revision = new HashMap<>();
        for (AppointmentEvent event : stream) {
            String target = "crash-" + random.nextInt(Math.max(1, revision.size()));
            int roll = random.nextInt(10);
            if (revision.containsKey(target) && desired.get(target) != null && roll < 3) {
                long next = revision.merge(target, 1L, Long::sum);
                Instant start = TOMORROW.plus(random.nextInt(2000) * 30L, ChronoUnit.MINUTES);
                records.add(new AppointmentRescheduled("acme", owner.get(target).userId(), target, next, start,
                        start.plus(45, ChronoUnit.MINUTES), "Europe/Berlin", "Moved " + next, null, null));
                desired.put(target, next);
            } else if (revision.containsKey(target) && desired.get(target) != null && roll == 3) {
                long next = revision.merge(target, 1L, Long::sum);
                records.add(new AppointmentCancelled("acme", owner.get(target).userId(), target, next, null));
                desired.put(target, null);
            } else {
                records.add(event);
                revision.put(event.appointmentId(), 1L);
            }
        }
        desired.keySet().retainAll(revision.keySet());
        assertThat(records).hasSize(2000);
        Map<String, AppointmentBusyAudit.Slot> slots = new HashMap<>();
        for (AppointmentEvent record : records) {
            slots.put(record.appointmentId(), record instanceof AppointmentBooked booked
                    ? new AppointmentBusyAudit.Slot(booked.start(), booked.end())
                    : record instanceof AppointmentRescheduled moved ? new AppointmentBusyAudit.Slot(moved.start(), moved.end())
                    : null);
        }

        // stream at about 100 records a second and kill the worker three times on the way
        ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        producer.scheduleAtFixedRate(() -> {
            for (int i = 0; i < 10 && sent.get() < records.size(); i++) {
                env.events.publish(records.get(sent.getAndIncrement()));
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        for (int killAt : new int[] {200, 700, 1300}) {
            Awaitility.await("records sent: " + killAt).atMost(Duration.ofSeconds(120)).until(() -> sent.get() >= killAt);
            worker.kill();
            worker.start();
        }
        Awaitility.await("all records sent").atMost(Duration.ofSeconds(120)).until(() -> sent.get() == records.size());
        producer.shutdown();

        Awaitility.await("every appointment at its final revision, nothing pending").atMost(Duration.ofSeconds(300))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> env.queryLong("SELECT count(*) FROM appointment WHERE sync_state = 'PENDING'") == 0
                        && env.queryLong("SELECT count(*) FROM appointment WHERE appointment_id LIKE 'crash-%'") == desired.size());
        CalendarAudit audit = CalendarAudit.of(users, desired);
        System.out.printf("kill -9 x3 during 2000 records: %d appointments expected in calendars; missing %d, "
                + "duplicated %d, stale %d%n", audit.expected(), audit.missing(), audit.duplicated(), audit.stale());
        assertThat(env.queryStrings("SELECT appointment_id || ' r' || revision || ': ' || coalesce(last_error, '')"
                + " FROM appointment WHERE sync_state = 'FAILED'")).as("appointments given up; the worker's log says %s",
                        worker.logLines(line -> line.contains("-> GiveUp"))).isEmpty();
        assertThat(audit.missing()).isZero();
        assertThat(audit.duplicated()).isZero();
        assertThat(audit.stale()).isZero();
        // what the platform was told survived the crashes too: every final revision has its outcome event, and an
        // outcome reported more than once (sent again after a crash) carries the same CloudEvents id each time
        Awaitility.await("the outcome of every final revision on calsync.appointment-sync").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    Set<String> reported = outcomeIds().keySet().stream().map(o -> o.substring(0, o.indexOf('#')))
                            .collect(Collectors.toSet());
                    assertThat(revision.entrySet().stream().filter(e -> !reported.contains(e.getKey() + "@" + e.getValue()))
                            .map(Map.Entry::getKey).toList()).as("appointments whose final revision has no outcome").isEmpty();
                });
        assertThat(outcomeIds().values()).as("CloudEvents ids per outcome").allMatch(ids -> ids.size() == 1);
        // and the availability-service, which read the same stream, answers exactly the appointments' busy time
        AppointmentBusyAudit busy = Awaitility.await("the busy time of every appointment").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> AppointmentBusyAudit.of(availability, users, slots), AppointmentBusyAudit::isExact);
        Set<String> reported = outcomeIds().keySet().stream().map(o -> o.substring(0, o.indexOf('#')))
                .collect(Collectors.toSet());
        System.out.printf("fault: sync-worker kill -9 x3 during 2000 records: outcome events for %d of %d final revisions;"
                + " busy %s%n", revision.entrySet().stream().filter(e -> reported.contains(e.getKey() + "@" + e.getValue()))
                .count(), revision.size(), busy);
        availability.close();
        worker.close();
    }

    /** The ids each outcome on calsync.appointment-sync came with, by {@code appointment@revision#outcome}. */
    private static Map<String, Set<String>> outcomeIds() {
        Map<String, Set<String>> ids = new HashMap<>();
        for (KafkaEvents.Received received : env.events.received()) {
            String outcome = null;
            if (received.event() instanceof AppointmentSynced synced) {
                outcome = synced.appointmentId() + "@" + synced.revision() + "#" + synced.action();
            } else if (received.event() instanceof AppointmentSyncSkipped skipped) {
                outcome = skipped.appointmentId() + "@" + skipped.revision() + "#" + skipped.reason();
            }
            if (outcome != null) {
                String id = new String(received.record().headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
                ids.computeIfAbsent(outcome, k -> new HashSet<>()).add(id);
            }
        }
        return ids;
    }
}
