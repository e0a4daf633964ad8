package io.calsync.worker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.AppointmentRescheduled;
import io.calsync.contracts.AppointmentSyncSkipped;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.ICloudProxy;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
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
import org.junit.jupiter.api.Test;

/**
 * Nothing is lost when Apple fails or the worker crashes, and several workers share the work without doing any of
 * it twice. Kafka and the workers run as their own OS processes; iCloud is Radicale behind the iCloud proxy.
 */
class ReliabilityIntegrationTests {

    private static final Instant TOMORROW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    private static ReliabilityEnvironment env;

    @BeforeAll
    static void start() {
        env = new ReliabilityEnvironment();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static AppointmentBooked booking(ReliabilityEnvironment.User user, String id, int slot) {
        Instant start = TOMORROW.plus(slot * 30L, ChronoUnit.MINUTES);
        return new AppointmentBooked(user.tenantId(), user.userId(), id, 1, start, start.plus(30, ChronoUnit.MINUTES),
                "Europe/Berlin", "Booking " + id, null, null);
    }

    private static long sumOfAttempts() {
        return queryLong("SELECT coalesce(sum(attempts), 0) FROM appointment");
    }

    private static long queryLong(String sql) {
        try (Connection c = DriverManager.getConnection(env.database.jdbcUrl(), env.database.user(), env.database.password());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<String> syncedIds() {
        return env.events.events(AppointmentSynced.class).stream().map(AppointmentSynced::appointmentId)
                .collect(Collectors.toSet());
    }

    @Test
    void appleDownForAWhile_requestsAreBoundedByTheCircuitBreaker_andEverythingArrivesAfterRecovery() throws Exception {
        WorkerProcess worker = env.worker("outage-worker").start();
        List<ReliabilityEnvironment.User> users = env.users(worker, 5);
        Map<String, Long> desired = new HashMap<>();
        env.icloud.everyone().outage(Duration.ofSeconds(1));
        int before = env.icloud.requests().size();
        long attemptsBefore = sumOfAttempts();

        for (int i = 0; i < 100; i++) {
            ReliabilityEnvironment.User user = users.get(i % users.size());
            String id = "outage-" + i + "-" + user.userId();
            env.events.publish(booking(user, id, i));
            desired.put(id, 1L);
        }
        // the dispatcher keeps trying; wait until it made 300 attempts in all
        Awaitility.await("300 attempts during the outage").atMost(Duration.ofSeconds(120))
                .until(() -> sumOfAttempts() - attemptsBefore >= 300);
        long outageAttempts = sumOfAttempts() - attemptsBefore;
        long outageRequests = env.icloud.requests().size() - before;

        // then the connections are reset instead, for another 150 attempts
        env.icloud.everyone().endOutage().resetConnections(Integer.MAX_VALUE);
        int beforeResets = env.icloud.requests().size();
        long attemptsBeforeResets = sumOfAttempts();
        Awaitility.await("150 attempts while connections are reset").atMost(Duration.ofSeconds(120))
                .until(() -> sumOfAttempts() - attemptsBeforeResets >= 150);
        long resetAttempts = sumOfAttempts() - attemptsBeforeResets;
        long resetRequests = env.icloud.requests().size() - beforeResets;
        env.icloud.everyone().resetConnections(0);

        Awaitility.await("all synced after recovery").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> syncedIds().containsAll(desired.keySet()));
        System.out.printf("outage: %d attempts, %d reached Apple; resets: %d attempts, %d reached Apple%n",
                outageAttempts, outageRequests, resetAttempts, resetRequests);
        assertThat(outageRequests).as("requests that reached Apple during the outage").isLessThan(outageAttempts / 3);
        assertThat(resetRequests).as("requests that reached Apple while connections were reset").isLessThan(resetAttempts / 3);
        assertThat(CalendarAudit.of(users, desired)).isEqualTo(new CalendarAudit(100, 0, 0, 0));
        worker.close();
    }

    @Test
    void killedRepeatedlyWhile2000RecordsStreamIn_theCalendarsEndExactlyAsDesired() throws Exception {
        WorkerProcess worker = env.worker("crashing-worker").start();
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
            stream.add(booking(user, id, appointments));
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
                .until(() -> queryLong("SELECT count(*) FROM appointment WHERE sync_state = 'PENDING'") == 0
                        && queryLong("SELECT count(*) FROM appointment WHERE appointment_id LIKE 'crash-%'") == desired.size());
        CalendarAudit audit = CalendarAudit.of(users, desired);
        System.out.printf("kill -9 x3 during 2000 records: %d appointments expected in calendars; missing %d, "
                + "duplicated %d, stale %d%n", audit.expected(), audit.missing(), audit.duplicated(), audit.stale());
        assertThat(queryLong("SELECT count(*) FROM appointment WHERE sync_state = 'FAILED'")).isZero();
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
        worker.close();
    }

    @Test
    void appleSlowerThanTheLease_everyAppointmentIsPushedOnce_andNoAccountIsWorkedByTwoInstances() throws Exception {
        // leases of 2 s renewed every 0.5 s while work runs, and every answer from Apple takes 3 s
        Map<String, String> shortLeases = Map.of("calsync.worker.account-lease", "2s", "calsync.worker.lease-renewal",
                "500ms", "calsync.push.lease", "2s", "calsync.caldav.read-timeout", "10s");
        WorkerProcess first = env.worker("slow-a", shortLeases).start();
        WorkerProcess second = env.worker("slow-b", shortLeases).start();
        List<ReliabilityEnvironment.User> users = env.users(first, 4);
        String ours = users.stream().map(u -> "'" + u.userId() + "'").collect(Collectors.joining(","));
        Awaitility.await("first polls done").atMost(Duration.ofSeconds(60)).until(() -> queryLong(
                "SELECT count(*) FROM calendar_selection WHERE last_success_at IS NULL AND user_id IN (" + ours + ")") == 0);
        Set<String> appleIds = users.stream().map(u -> u.caldav().username()).collect(Collectors.toSet());
        env.icloud.reset(); // counts requests at once from here on
        appleIds.forEach(appleId -> env.icloud.forAppleId(appleId).latency(Duration.ofSeconds(3)));
        int before = env.icloud.requests().size();
        Map<String, Long> desired = new HashMap<>();

        for (int i = 0; i < 12; i++) {
            ReliabilityEnvironment.User user = users.get(i % users.size());
            String id = "slow-" + i + "-" + user.userId();
            env.events.publish(booking(user, id, 400 + i));
            desired.put(id, 1L);
        }
        Awaitility.await("all synced").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> syncedIds().containsAll(desired.keySet()));

        List<ICloudProxy.Request> puts = env.icloud.requests().subList(before, env.icloud.requests().size()).stream()
                .filter(r -> r.method().equals("PUT") && appleIds.contains(r.appleId())).toList();
        assertThat(puts.stream().collect(Collectors.groupingBy(ICloudProxy.Request::path, Collectors.counting())))
                .hasSize(12).allSatisfy((path, count) -> assertThat(count).as(path).isEqualTo(1L));
        for (String appleId : appleIds) {
            assertThat(env.icloud.maxConcurrentRequests(appleId)).as("requests at once for " + appleId).isEqualTo(1);
        }
        assertThat(CalendarAudit.of(users, desired)).isEqualTo(new CalendarAudit(12, 0, 0, 0));
        first.close();
        second.close();
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

    @Test
    void twoWorkersPushEveryAppointmentExactlyOnceAndNeverWorkTheSameAccountAtOnce() throws Exception {
        WorkerProcess first = env.worker("worker-a").start();
        WorkerProcess second = env.worker("worker-b").start();
        List<ReliabilityEnvironment.User> users = env.users(first, 10);
        Set<String> appleIds = users.stream().map(u -> u.caldav().username()).collect(Collectors.toSet());
        // let the first poll of every Primary Calendar finish, so that only pushes are left to watch
        String ours = users.stream().map(u -> "'" + u.userId() + "'").collect(Collectors.joining(","));
        Awaitility.await("first polls done").atMost(Duration.ofSeconds(60)).until(() -> queryLong(
                "SELECT count(*) FROM calendar_selection WHERE last_success_at IS NULL AND user_id IN (" + ours + ")") == 0);
        env.icloud.reset();
        Map<String, Long> desired = new HashMap<>();

        for (int i = 0; i < 300; i++) {
            ReliabilityEnvironment.User user = users.get(i % users.size());
            String id = "scale-" + i + "-" + user.userId();
            env.events.publish(booking(user, id, i));
            desired.put(id, 1L);
        }
        Awaitility.await("all synced").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> syncedIds().containsAll(desired.keySet()));

        List<ICloudProxy.Request> puts = env.icloud.requests().stream()
                .filter(r -> r.method().equals("PUT") && appleIds.contains(r.appleId())).toList();
        Map<String, Long> putsPerEvent = puts.stream().collect(Collectors.groupingBy(ICloudProxy.Request::path, Collectors.counting()));
        assertThat(putsPerEvent).hasSize(300);
        assertThat(putsPerEvent.values()).containsOnly(1L);
        assertThat(puts).extracting(ICloudProxy.Request::status).containsOnly(201);
        assertThat(puts).extracting(ICloudProxy.Request::userAgent)
                .anyMatch(agent -> agent.contains("worker-a")).anyMatch(agent -> agent.contains("worker-b"));
        for (String appleId : appleIds) {
            assertThat(env.icloud.maxConcurrentRequests(appleId)).as("requests at once for " + appleId).isEqualTo(1);
        }
        assertThat(CalendarAudit.of(users, desired)).isEqualTo(new CalendarAudit(300, 0, 0, 0));
        first.close();
        second.close();
    }
}
