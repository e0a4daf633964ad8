package io.calsync.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import io.calsync.contracts.Topics;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
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
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The read path when the worker crashes and Apple is slow: what booking services are told about busy time stays
 * exactly what the calendars hold, and instances sharing the polls never work one calendar at once. Kafka, the
 * sync-workers and the availability-service run as their own OS processes; iCloud is Radicale behind the proxy.
 */
@Order(2) // see Lanes
@ResourceLock(Lanes.READ_AND_APPLE)
class PollReliabilityIntegrationTests {

    private static final String TENANT = "acme";
    private static final Instant TODAY = Instant.now().truncatedTo(ChronoUnit.DAYS);
    private static ReliabilityEnvironment env;
    private static KafkaEvents slots;

    @BeforeAll
    static void start() {
        env = Lanes.environment(Lanes.READ_AND_APPLE);
        slots = new KafkaEvents(env.kafka.bootstrapServers(), Topics.BLOCKED_SLOTS);
    }

    @AfterAll
    static void stop() {
        slots.close();
        env.closeProcesses();
    }

    @Test
    void workerKilledThreeTimesWhileEventsChangeAndCalendarsAreDeselected_availabilityEqualsTheTrueBusyTimeExactly()
            throws Exception {
        WorkerProcess worker = env.worker("poll-crashing-worker", Map.of(
                "calsync.poll.interval", "3s",
                "calsync.poll.tick", "250ms",
                // a killed instance's claims and account leases free its calendars after this long
                "calsync.poll.lease", "4s",
                "calsync.worker.account-lease", "4s",
                "calsync.worker.lease-renewal", "1s",
                "calsync.caldav.read-timeout", "10s"));
        CompletableFuture<AvailabilityProcess> availabilityStarting = CompletableFuture.supplyAsync(env::availability);
        try {
            killedWhileCalendarsChange(worker.start(), availabilityStarting);
        } finally {
            worker.close(); // no other test's calendars are polled by this worker
        }
    }

    private void killedWhileCalendarsChange(WorkerProcess worker,
            CompletableFuture<AvailabilityProcess> availabilityStarting) throws Exception {
        JsonHttp api = env.api(worker);
        List<CalendarOwner> owners = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            owners.add(CalendarOwner.connect(env, api, TENANT, i % 2 == 0 ? List.of("family", "sport") : List.of("family")));
        }
        ChangeScript script = new ChangeScript(owners, api, 9, TODAY);
        for (CalendarOwner owner : owners) {
            for (String calendarId : owner.calendars()) {
                script.create(owner, calendarId);
            }
            script.configure(owner);
        }
        AvailabilityProcess availability = availabilityStarting.join();

        CalendarOwner paused = owners.get(0);
        CalendarOwner firstLeaving = owners.get(1);
        CalendarOwner secondLeaving = owners.get(2);
        script.at(30, () -> env.icloud.forAppleId(paused.caldav.username()).revokePassword())
                .at(90, () -> disconnect(script, firstLeaving))
                .at(140, () -> {
                    env.events.await(IntegrationStatusChanged.class, e -> e.accountId().equals(paused.accountId)
                            && e.status() == AccountStatus.NEEDS_REAUTH, Duration.ofSeconds(90));
                    script.create(paused, CalendarOwner.PRIMARY); // while the account is paused
                    env.icloud.forAppleId(paused.caldav.username()).restorePassword();
                    JsonHttp.Response reauthenticated = script.callWorker(w -> w.put(paused.path() + "/icloud-accounts/"
                            + paused.accountId + "/credentials", Map.of("appSpecificPassword", paused.caldav.password())));
                    assertThat(reauthenticated.status()).as("re-authentication: " + reauthenticated).isEqualTo(200);
                })
                .at(170, () -> disconnect(script, secondLeaving));
        CompletableFuture<Void> changes = script.run(220, Duration.ofMillis(100));
        int kills = 0;
        for (int killAt : new int[] {45, 110, 175}) {
            Awaitility.await("change " + killAt).atMost(Duration.ofSeconds(120))
                    .until(() -> script.steps() >= killAt || changes.isDone());
            worker.kill();
            kills++;
            worker.start();
        }
        changes.get(3, TimeUnit.MINUTES);

        long settling = System.nanoTime();
        try {
            Awaitility.await("busy time settled").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> audit(owners, availability).isExact());
        } catch (ConditionTimeoutException notSettled) {
            // the assertions below say what differs
        }
        long settleMillis = (System.nanoTime() - settling) / 1_000_000;
        BusyAudit audit = audit(owners, availability);
        System.out.printf("kill -9 x%d during %d changes of %d users' calendars: %d busy slots expected in the "
                + "availability-service, %d missing, %d orphaned; settled %d ms after the last change%n", kills,
                script.steps(), owners.size(), audit.expected(), audit.missing(), audit.orphaned(), settleMillis);
        assertThat(audit.examples()).as("differences").isEmpty();
        assertThat(audit.missing()).isZero();
        assertThat(audit.orphaned()).isZero();
        assertThat(audit.expected()).as("busy slots to compare (the audit is not vacuous)").isGreaterThan(30);
        // the worker's view of who selected what is the script's
        for (CalendarOwner owner : owners.stream().filter(o -> o.connected).toList()) {
            Set<String> conflicts = new java.util.HashSet<>();
            api.get(owner.path() + "/calendar-configuration").json().get("conflicts")
                    .forEach(c -> conflicts.add(c.get("calendarId").asString()));
            assertThat(conflicts).as("conflict calendars of " + owner.userId).isEqualTo(owner.selectedConflicts);
        }
        // the paused account came back and caught up (its audit is part of the one above), and is connected
        List<AccountStatus> statuses = env.events.events(IntegrationStatusChanged.class).stream()
                .filter(e -> e.accountId().equals(paused.accountId)).map(IntegrationStatusChanged::status).toList();
        assertThat(statuses).contains(AccountStatus.NEEDS_REAUTH).last().isEqualTo(AccountStatus.CONNECTED);
        assertThat(audit(List.of(paused), availability).expected()).isPositive();
    }

    private static void disconnect(ChangeScript script, CalendarOwner owner) {
        JsonHttp.Response disconnected = script.callWorker(w -> w.delete(owner.path() + "/icloud-accounts/" + owner.accountId));
        // 404: the worker had done it before it was killed, and the answer was lost
        assertThat(disconnected.status()).as("disconnect: " + disconnected).isIn(204, 404);
        owner.connected = false;
    }

    /** The availability-service's busy time against what the selected calendars really hold, over all owners. */
    private static BusyAudit audit(List<CalendarOwner> owners, AvailabilityProcess availability) {
        Instant from = TODAY.minus(1, ChronoUnit.DAYS);
        Instant to = TODAY.plus(40, ChronoUnit.DAYS);
        BusyAudit total = new BusyAudit(0, 0, 0, List.of());
        for (CalendarOwner owner : owners) {
            List<SimpleEvents.Busy> truth = new ArrayList<>();
            for (String calendarId : owner.selectedCalendars()) {
                owner.phone.calendarData(calendarId).forEach(body -> truth.addAll(SimpleEvents.occurrences(calendarId, body)));
            }
            total = total.plus(BusyAudit.of(truth, availability.busySources(owner.tenantId, owner.userId, from, to)));
        }
        return total;
    }
}
