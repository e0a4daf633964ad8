package io.calsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.testsupport.ICloudProxy;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * Several workers share the work without doing any of it twice, also when Apple answers slower than their leases
 * last. Kafka and the workers run as their own OS processes; iCloud is Radicale behind the iCloud proxy. (Apart from
 * {@link ReliabilityIntegrationTests} so that the two run side by side.)
 */
@Order(1) // see Lanes
@ResourceLock(Lanes.LEASES)
class SharedWorkIntegrationTests {

    private static ReliabilityEnvironment env;
    private static WorkerProcess first;
    private static WorkerProcess second;

    // the same two workers for both tests (each start costs a JVM's start-up on a busy machine): leases of 4 s renewed
    // every 0.5 s while work runs (a renewal may come 3.5 s late on a loaded machine), so that an answer of 5 s
    // outlives a lease
    @BeforeAll
    static void start() throws Exception {
        env = Lanes.environment(Lanes.LEASES);
        Map<String, String> shortLeases = Map.of("calsync.worker.account-lease", "4s", "calsync.worker.lease-renewal",
                "500ms", "calsync.push.lease", "4s", "calsync.caldav.read-timeout", "15s");
        first = env.worker("worker-a", shortLeases);
        second = env.worker("worker-b", shortLeases);
        CompletableFuture<Void> firstStarting = CompletableFuture.runAsync(first::start);
        second.start();
        firstStarting.join();
    }

    @AfterAll
    static void stop() {
        env.closeProcesses();
    }

    @Test
    void appleSlowerThanTheLease_everyAppointmentIsPushedOnce_andNoAccountIsWorkedByTwoInstances() throws Exception {
        List<ReliabilityEnvironment.User> users = env.users(first, 4);
        String ours = users.stream().map(u -> "'" + u.userId() + "'").collect(Collectors.joining(","));
        Awaitility.await("first polls done").atMost(Duration.ofSeconds(60)).until(() -> env.queryLong(
                "SELECT count(*) FROM calendar_selection WHERE last_success_at IS NULL AND user_id IN (" + ours + ")") == 0);
        Set<String> appleIds = users.stream().map(u -> u.caldav().username()).collect(Collectors.toSet());
        env.icloud.reset(); // counts requests at once from here on
        appleIds.forEach(appleId -> env.icloud.forAppleId(appleId).latency(Duration.ofSeconds(5)));
        int before = env.icloud.requests().size();
        Map<String, Long> desired = new HashMap<>();

        for (int i = 0; i < 12; i++) {
            ReliabilityEnvironment.User user = users.get(i % users.size());
            String id = "slow-" + i + "-" + user.userId();
            env.events.publish(ReliabilityEnvironment.booking(user, id, 400 + i));
            desired.put(id, 1L);
        }
        Awaitility.await("all synced").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> env.syncedIds().containsAll(desired.keySet()));

        List<ICloudProxy.Request> puts = env.icloud.requests().subList(before, env.icloud.requests().size()).stream()
                .filter(r -> r.method().equals("PUT") && appleIds.contains(r.appleId())).toList();
        assertThat(puts.stream().collect(Collectors.groupingBy(ICloudProxy.Request::path, Collectors.counting())))
                .hasSize(12).allSatisfy((path, count) -> assertThat(count).as(path).isEqualTo(1L));
        for (String appleId : appleIds) {
            assertThat(env.icloud.maxConcurrentRequests(appleId))
                    .as("requests at once for %s: %s", appleId, env.icloud.overlappingRequests(appleId)).isEqualTo(1);
        }
        assertThat(CalendarAudit.of(users, desired)).isEqualTo(new CalendarAudit(12, 0, 0, 0));
    }

    @Test
    void twoWorkersPushEveryAppointmentExactlyOnceAndNeverWorkTheSameAccountAtOnce() throws Exception {
        List<ReliabilityEnvironment.User> users = env.users(first, 10);
        Set<String> appleIds = users.stream().map(u -> u.caldav().username()).collect(Collectors.toSet());
        // let the first poll of every Primary Calendar finish, so that only pushes are left to watch
        String ours = users.stream().map(u -> "'" + u.userId() + "'").collect(Collectors.joining(","));
        Awaitility.await("first polls done").atMost(Duration.ofSeconds(60)).until(() -> env.queryLong(
                "SELECT count(*) FROM calendar_selection WHERE last_success_at IS NULL AND user_id IN (" + ours + ")") == 0);
        env.icloud.reset();
        Map<String, Long> desired = new HashMap<>();

        for (int i = 0; i < 300; i++) {
            ReliabilityEnvironment.User user = users.get(i % users.size());
            String id = "scale-" + i + "-" + user.userId();
            env.events.publish(ReliabilityEnvironment.booking(user, id, i));
            desired.put(id, 1L);
        }
        Awaitility.await("all synced").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(500))
                .until(() -> env.syncedIds().containsAll(desired.keySet()));

        List<ICloudProxy.Request> puts = env.icloud.requests().stream()
                .filter(r -> r.method().equals("PUT") && appleIds.contains(r.appleId())).toList();
        Map<String, Long> putsPerEvent = puts.stream().collect(Collectors.groupingBy(ICloudProxy.Request::path, Collectors.counting()));
        assertThat(putsPerEvent).hasSize(300);
        assertThat(putsPerEvent.values()).containsOnly(1L);
        assertThat(puts).extracting(ICloudProxy.Request::status).containsOnly(201);
        assertThat(puts).extracting(ICloudProxy.Request::userAgent)
                .anyMatch(agent -> agent.contains("worker-a")).anyMatch(agent -> agent.contains("worker-b"));
        for (String appleId : appleIds) {
            assertThat(env.icloud.maxConcurrentRequests(appleId))
                    .as("requests at once for %s: %s", appleId, env.icloud.overlappingRequests(appleId)).isEqualTo(1);
        }
        assertThat(CalendarAudit.of(users, desired)).isEqualTo(new CalendarAudit(300, 0, 0, 0));
    }
}
