package io.calsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.Topics;
import io.calsync.infra.FreePorts;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.Radicale;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The whole path on real components, started the way the README's run command starts them: an appointment
 * published to Kafka ends up as a VEVENT in the user's CalDAV calendar, and an event the user's phone creates
 * ends up as busy time in the availability API.
 */
class WalkingSkeletonEndToEndTests {

    private static final Radicale RADICALE = Radicale.shared();
    private static StandaloneSettings settings;
    private static CalsyncStandalone calsync;
    private static KafkaEvents kafka;

    @BeforeAll
    static void startCalsync() throws Exception {
        // a CALSYNC_HOME left open to everyone (by an earlier version, or by hand): the run must close it
        Path home = Files.createTempDirectory("calsync-e2e-");
        Files.setPosixFilePermissions(home, PosixFilePermissions.fromString("rwxr-xr-x"));
        settings = new StandaloneSettings(home, FreePorts.next(), FreePorts.next(),
                FreePorts.next(), "127.0.0.1", 5432, RADICALE.baseUrl() + "/", "127.0.0.1:" + RADICALE.port(),
                "calsync_e2e_" + UUID.randomUUID().toString().substring(0, 8),
                List.of("--calsync.poll.interval=1s", "--calsync.poll.tick=200ms", "--calsync.push.interval=100ms"));
        calsync = CalsyncStandalone.start(settings);
        kafka = new KafkaEvents(calsync.kafkaBootstrapServers(), Topics.APPOINTMENT_SYNC);
    }

    @AfterAll
    static void stopCalsync() {
        kafka.close();
        var postgres = calsync.postgres();
        calsync.close();
        if (!postgres.isEmbedded()) {
            postgres.dropDatabase(settings.workerDatabase());
            postgres.dropDatabase(settings.availabilityDatabase());
        }
    }

    @Test
    void whatTheRunWritesLiesInAnOwnerOnlyHome() throws Exception {
        assertThat(mode(settings.home())).isEqualTo("rwx------");
        assertThat(mode(settings.home().resolve("kafka"))).isEqualTo("rwx------");
        assertThat(mode(settings.home().resolve("vault.key"))).isEqualTo("rw-------");
        assertThat(mode(settings.home().resolve("jwt-signing-key.pem"))).isEqualTo("rw-------");
    }

    private static String mode(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void appointmentsReachICloudAndICloudEventsBecomeBusyTime() {
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        phone.createCalendar("work", "Work", "VEVENT");
        phone.createCalendar("family", "Family", "VEVENT");
        String user = "/v1/tenants/acme/users/jane";
        // the token a developer copies from the banner of ./run.sh
        String bearer = "Bearer " + calsync.token("acme");
        JsonHttp worker = new JsonHttp("http://127.0.0.1:" + settings.workerPort()).with("Authorization", bearer);
        JsonHttp availability = new JsonHttp("http://127.0.0.1:" + settings.availabilityPort()).with("Authorization", bearer);

        JsonNode account = worker.post(user + "/icloud-accounts",
                Map.of("appleId", caldav.username(), "appSpecificPassword", caldav.password())).json();
        String accountId = account.get("accountId").asString();
        JsonHttp.Response configured = worker.put(user + "/calendar-configuration", Map.of(
                "primary", Map.of("accountId", accountId, "calendarId", "work"),
                "conflicts", List.of(Map.of("accountId", accountId, "calendarId", "family"))));
        assertThat(configured.status()).isEqualTo(200);

        Instant nine = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plus(9, ChronoUnit.HOURS);
        kafka.publish(new AppointmentBooked("acme", "jane", "appt-e2e-1", 1, nine, nine.plus(30, ChronoUnit.MINUTES),
                "Europe/Berlin", "Consultation with John", null, null));

        Awaitility.await("VEVENT in the Primary Calendar").atMost(Duration.ofSeconds(30))
                .until(() -> phone.allEventBodies("work"), bodies -> bodies.size() == 1
                        && bodies.get(0).contains("SUMMARY:Consultation with John"));

        phone.putEvent("family", "recital.ics", String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//phone//EN",
                "BEGIN:VEVENT", "UID:recital-1", "DTSTAMP:20261101T000000Z",
                "DTSTART:" + basic(nine.plus(2, ChronoUnit.HOURS)), "DTEND:" + basic(nine.plus(3, ChronoUnit.HOURS)),
                "SUMMARY:Piano recital", "END:VEVENT", "END:VCALENDAR", ""));

        String busyQuery = user + "/busy?explain=true&from=" + nine.minus(1, ChronoUnit.HOURS) + "&to=" + nine.plus(5, ChronoUnit.HOURS);
        JsonNode busy = Awaitility.await("busy time from the iCloud event").atMost(Duration.ofSeconds(60))
                .until(() -> availability.get(busyQuery).json().get("busy"), b -> b.size() == 2);

        assertThat(busy.get(0).get("start").asString()).isEqualTo(nine.toString());
        assertThat(busy.get(0).get("sources").get(0).get("kind").asString()).isEqualTo("APPOINTMENT");
        assertThat(busy.get(1).get("start").asString()).isEqualTo(nine.plus(2, ChronoUnit.HOURS).toString());
        assertThat(busy.get(1).get("sources").get(0).get("kind").asString()).isEqualTo("ICLOUD");
        assertThat(busy.get(1).get("sources").get(0).get("calendarId").asString()).isEqualTo("family");
    }

    @Test
    void bothServicesReportHealthy() {
        assertThat(new JsonHttp("http://127.0.0.1:" + settings.workerPort()).get("/actuator/health").json()
                .get("status").asString()).isEqualTo("UP");
        assertThat(new JsonHttp("http://127.0.0.1:" + settings.availabilityPort()).get("/actuator/health").json()
                .get("status").asString()).isEqualTo("UP");
    }

    private static String basic(Instant instant) {
        return instant.toString().replace("-", "").replace(":", "").replace(".000", "");
    }
}
