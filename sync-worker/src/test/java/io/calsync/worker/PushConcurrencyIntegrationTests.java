package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.ICloudProxy;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * {@code calsync.push.concurrency} (8 here) bounds the requests to Apple in flight at once over all accounts, while
 * a quarter more accounts are worked at once (their bookkeeping overlaps the others' requests).
 */
class PushConcurrencyIntegrationTests extends WorkerIntegrationTest {

    @Test
    void manyAccountsWithSlowAnswers_neverMoreRequestsInFlightThanTheConcurrency_andAllOfThemUsed() {
        Instant tomorrow = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        List<String> users = new ArrayList<>();
        Set<String> appleIds = new HashSet<>();
        for (int i = 0; i < 12; i++) {
            CalDavUser caldav = RADICALE.newUser();
            RADICALE.phoneOf(caldav).createCalendar("work", "Work", "VEVENT");
            String userId = "u-" + UUID.randomUUID();
            configure("acme", userId, connect("acme", userId, caldav).get("accountId").asString(), "work", List.of());
            users.add(userId);
            appleIds.add(caldav.username());
            ICLOUD.forAppleId(caldav.username()).latency(Duration.ofMillis(600), "PUT");
        }
        Set<String> appointments = new HashSet<>();
        for (int round = 0; round < 2; round++) {
            for (String userId : users) {
                String id = "appt-" + UUID.randomUUID();
                appointments.add(id);
                Instant start = tomorrow.plus(round, ChronoUnit.HOURS);
                KAFKA.publish(new AppointmentBooked("acme", userId, id, 1, start, start.plusSeconds(1800), "UTC",
                        "Consultation", null, null));
            }
        }
        Awaitility.await("all synced").atMost(Duration.ofSeconds(90)).until(() -> KAFKA.events(AppointmentSynced.class)
                .stream().map(AppointmentSynced::appointmentId).filter(appointments::contains).distinct().count() == 24);

        List<ICloudProxy.Request> puts = ICLOUD.requests().stream()
                .filter(r -> r.method().equals("PUT") && appleIds.contains(r.appleId())).toList();
        assertThat(puts).hasSize(24);
        assertThat(mostAtOnce(puts)).as("PUTs in flight at once").isBetween(2, 8);
    }

    /** A request arriving (+1) or answered (-1). */
    private record Edge(Instant at, int change) {
    }

    /** The most requests in progress at one moment (an answer at the instant of an arrival ends first). */
    private static int mostAtOnce(List<ICloudProxy.Request> requests) {
        List<Edge> edges = new ArrayList<>();
        requests.forEach(r -> {
            edges.add(new Edge(r.arrived(), 1));
            edges.add(new Edge(r.answered(), -1));
        });
        edges.sort(Comparator.comparing(Edge::at).thenComparingInt(Edge::change));
        int now = 0;
        int most = 0;
        for (Edge edge : edges) {
            now += edge.change();
            most = Math.max(most, now);
        }
        return most;
    }
}
