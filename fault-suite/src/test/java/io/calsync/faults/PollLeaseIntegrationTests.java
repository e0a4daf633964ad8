package io.calsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import io.calsync.contracts.Topics;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
 * The read path when Apple answers slower than the poll lease: two sync-workers share the polls, each calendar is
 * polled by one instance at a time (leases renewed while a poll runs), and each change is published once. Kafka and
 * the sync-workers run as their own OS processes; iCloud is Radicale behind the proxy, 5 s per request.
 */
@Order(2) // see Lanes
@ResourceLock(Lanes.LEASES)
class PollLeaseIntegrationTests {

    private static final String TENANT = "acme";
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static ReliabilityEnvironment env;
    private static KafkaEvents slots;

    @BeforeAll
    static void start() {
        env = Lanes.environment(Lanes.LEASES);
        slots = new KafkaEvents(env.kafka.bootstrapServers(), Topics.BLOCKED_SLOTS);
    }

    @AfterAll
    static void stop() {
        slots.close();
        env.closeProcesses();
    }

    @Test
    void appleSlowerThanTheLease_eachCalendarIsPolledByOneInstanceAtATime_andEachChangeIsPublishedOnce()
            throws Exception {
        Map<String, String> slowApple = Map.of(
                "calsync.poll.interval", "1s",
                "calsync.poll.tick", "200ms",
                "calsync.poll.concurrency", "4",
                "calsync.poll.lease", "4s", // a renewal may come 3.5 s late on a loaded machine
                "calsync.worker.account-lease", "4s",
                "calsync.worker.lease-renewal", "500ms",
                "calsync.caldav.read-timeout", "15s");
        WorkerProcess first = env.worker("lease-a", slowApple);
        WorkerProcess second = env.worker("lease-b", slowApple);
        try {
            CompletableFuture<Void> firstStarting = CompletableFuture.runAsync(first::start);
            second.start();
            firstStarting.join();
            slowerThanTheLease(first);
        } finally {
            first.close();
            second.close();
        }
    }

    @Test
    void aClaimThatRunsOutDuringItsPoll_isNotTakenUpAgainByTheInstancePollingIt() throws Exception {
        // no renewal at all: every poll outlives its claim, and the calendar is due again while it runs
        WorkerProcess alone = env.worker("unrenewed", Map.of(
                "calsync.poll.interval", "1s",
                "calsync.poll.tick", "200ms",
                "calsync.poll.lease", "1s",
                "calsync.worker.account-lease", "1s",
                "calsync.worker.lease-renewal", "1h",
                "calsync.caldav.read-timeout", "10s"));
        try {
            alone.start();
            JsonHttp api = env.api(alone);
            CalendarOwner owner = CalendarOwner.connect(env, api, TENANT, List.of());
            owner.single("e1.ics", TODAY.plus(1, ChronoUnit.DAYS));
            env.icloud.forAppleId(owner.caldav.username()).latency(Duration.ofSeconds(3));
            new ChangeScript(List.of(owner), api, 5, TODAY).configure(owner);

            Awaitility.await("three polls").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> syncReports(List.of(owner)) >= 3);
            assertThat(env.icloud.maxConcurrentRequests(owner.caldav.username()))
                    .as("requests at once for the calendar: %s", env.icloud.overlappingRequests(owner.caldav.username()))
                    .isEqualTo(1);
        } finally {
            alone.close();
        }
    }

    private void slowerThanTheLease(WorkerProcess first) {
        JsonHttp api = env.api(first);
        List<CalendarOwner> owners = new ArrayList<>();
        for (int i = 0; i < 6; i++) { // more calendars than one instance polls at once: both take some
            owners.add(CalendarOwner.connect(env, api, TENANT, List.of()));
        }
        ChangeScript script = new ChangeScript(owners, api, 17, TODAY);
        for (CalendarOwner owner : owners) {
            for (int i = 1; i <= 2; i++) {
                owner.single("e" + i + ".ics", TODAY.plus(i, ChronoUnit.DAYS).plus(owners.indexOf(owner), ChronoUnit.HOURS));
            }
        }
        env.icloud.reset(); // counts requests at once from here
        owners.forEach(o -> env.icloud.forAppleId(o.caldav.username()).latency(Duration.ofSeconds(5)));
        owners.forEach(script::configure);
        Set<String> userIds = owners.stream().map(o -> o.userId).collect(Collectors.toSet());

        Awaitility.await("first syncs published").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> owners.stream().allMatch(o -> blocked(o).stream().map(SlotBlocked::slotId).distinct().count() == 2));
        List<Instant> movedTo = new ArrayList<>();
        for (CalendarOwner owner : owners) {
            Instant start = TODAY.plus(25, ChronoUnit.DAYS).plus(owners.indexOf(owner), ChronoUnit.HOURS);
            owner.single("e1.ics", start);
            movedTo.add(start);
        }
        Awaitility.await("moves published").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                .until(() -> owners.stream().allMatch(o -> blocked(o).stream()
                        .anyMatch(s -> s.start().equals(movedTo.get(owners.indexOf(o))))));
        // a few more polls of every calendar, with nothing left to publish
        long reports = syncReports(owners);
        Awaitility.await("more polls").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> syncReports(owners) >= reports + 2L * owners.size());

        List<ICloudProxy.Request> requests = owners.stream().flatMap(o -> env.icloud.requestsOf(o.caldav.username()).stream())
                .toList();
        long byFirst = requests.stream().filter(r -> r.userAgent() != null && r.userAgent().contains("lease-a")).count();
        long bySecond = requests.stream().filter(r -> r.userAgent() != null && r.userAgent().contains("lease-b")).count();
        List<SlotBlocked> published = slots.events(SlotBlocked.class).stream().filter(s -> userIds.contains(s.userId())).toList();
        Map<String, Long> copies = published.stream().collect(Collectors.groupingBy(
                s -> s.slotId() + " " + s.start() + " " + s.end(), Collectors.counting()));
        int maxAtOnce = owners.stream().mapToInt(o -> env.icloud.maxConcurrentRequests(o.caldav.username())).max().orElse(0);
        System.out.printf("Apple 5 s per request, leases 4 s renewed every 500 ms: %d requests (%d by lease-a, %d by "
                + "lease-b), at most %d at once per calendar; %d slot.blocked for 12 events and 6 moves%n",
                requests.size(), byFirst, bySecond, maxAtOnce, published.size());
        assertThat(byFirst).as("requests by lease-a").isPositive();
        assertThat(bySecond).as("requests by lease-b").isPositive();
        for (CalendarOwner owner : owners) { // one calendar per account: one request at a time means one poll at a time
            assertThat(env.icloud.maxConcurrentRequests(owner.caldav.username()))
                    .as("requests at once for the calendar of %s: %s", owner.caldav.username(),
                            env.icloud.overlappingRequests(owner.caldav.username())).isEqualTo(1);
        }
        assertThat(copies.values()).as("copies of each published slot version").containsOnly(1L);
        assertThat(published).hasSize(18);
        assertThat(slots.events(SlotReleased.class)).noneMatch(r -> userIds.contains(r.userId()));
    }

    private static List<SlotBlocked> blocked(CalendarOwner owner) {
        return slots.events(SlotBlocked.class).stream().filter(s -> s.userId().equals(owner.userId)).toList();
    }

    /** REPORTs answered for the owners' calendars: a poll that finds nothing new is one sync-collection REPORT. */
    private static long syncReports(List<CalendarOwner> owners) {
        return owners.stream().flatMap(o -> env.icloud.requestsOf(o.caldav.username()).stream())
                .filter(r -> r.method().equals("REPORT") && r.status() == 207 && r.path().endsWith("/" + CalendarOwner.PRIMARY + "/"))
                .count();
    }
}
