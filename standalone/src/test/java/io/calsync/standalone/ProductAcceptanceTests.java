package io.calsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentRescheduled;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotSource;
import io.calsync.contracts.SyncAction;
import io.calsync.contracts.Topics;
import io.calsync.infra.FreePorts;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.Radicale;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Every product rule of the help article in one scenario, through both services as ./run.sh starts them, on real
 * Kafka, PostgreSQL and Radicale behind the iCloud proxy (absolute partition URLs, ETags, Apple's answers): connect
 * two accounts (a wrong password first: a clear error, nothing saved), a Primary Calendar in one and calendars checked
 * for conflicts in both; book, reschedule and cancel and the Primary follows; events created, moved and deleted on the
 * phone in the Primary and in a conflict calendar, and busy time and free slots follow; a NATIVE blocked slot counts
 * for availability and never reaches iCloud; pushed appointments never come back as blocked slots; a disconnected
 * account's busy time is gone.
 */
class ProductAcceptanceTests {

    private static final Radicale RADICALE = Radicale.shared();
    private static final ICloudProxy ICLOUD = ICloudProxy.start(RADICALE);
    private static final String USER = "/v1/tenants/acme/users/alex";
    private static StandaloneSettings settings;
    private static CalsyncStandalone calsync;
    private static KafkaEvents kafka;
    private static JsonHttp worker;
    private static JsonHttp availability;

    private final Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS);

    @BeforeAll
    static void startCalsync() throws Exception {
        java.nio.file.Path home = Files.createTempDirectory("calsync-acceptance-");
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        settings = new StandaloneSettings(home, FreePorts.next(),
                FreePorts.next(), FreePorts.next(), "127.0.0.1", 5432, ICLOUD.rootUrl(), ICLOUD.hostPorts(),
                "calsync_acc_" + UUID.randomUUID().toString().substring(0, 8),
                List.of("--calsync.poll.interval=1s", "--calsync.poll.tick=200ms", "--calsync.push.interval=100ms"));
        calsync = CalsyncStandalone.start(settings);
        kafka = new KafkaEvents(calsync.kafkaBootstrapServers(), Topics.APPOINTMENT_SYNC);
        String bearer = "Bearer " + calsync.token("acme");
        worker = new JsonHttp("http://127.0.0.1:" + settings.workerPort()).with("Authorization", bearer);
        availability = new JsonHttp("http://127.0.0.1:" + settings.availabilityPort()).with("Authorization", bearer);
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
    void whatTheRunWritesLiesInAnOwnerOnlyHome_andBothServicesAreHealthy() throws Exception {
        // the home was made rwxr-xr-x before the start (as an earlier version, or a person, may leave it): closed now
        assertThat(mode(settings.home())).isEqualTo("rwx------");
        assertThat(mode(settings.home().resolve("kafka"))).isEqualTo("rwx------");
        assertThat(mode(settings.home().resolve("vault.key"))).isEqualTo("rw-------");
        assertThat(mode(settings.home().resolve("jwt-signing-key.pem"))).isEqualTo("rw-------");
        for (int port : new int[] {settings.workerPort(), settings.availabilityPort()}) {
            assertThat(new JsonHttp("http://127.0.0.1:" + port).get("/actuator/health").json().get("status")
                    .asString()).isEqualTo("UP");
        }
    }

    private static String mode(java.nio.file.Path path) throws Exception {
        return java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }

    @Test
    void everyProductRuleOfTheHelpArticle() {
        CalDavUser workUser = RADICALE.newUser();
        CalDavUser privateUser = RADICALE.newUser();
        CalDavPhone workPhone = RADICALE.phoneOf(workUser);
        CalDavPhone privatePhone = RADICALE.phoneOf(privateUser);
        workPhone.createCalendar("work", "Work", "VEVENT");
        workPhone.createCalendar("team", "Team", "VEVENT");
        privatePhone.createCalendar("family", "Family", "VEVENT");

        // connect: a wrong password is a clear error and saves nothing; then both accounts connect
        JsonHttp.Response wrong = worker.post(USER + "/icloud-accounts",
                Map.of("appleId", workUser.username(), "appSpecificPassword", "wxyz-wxyz-wxyz-wxyz"));
        assertThat(wrong.status()).isEqualTo(422);
        assertThat(wrong.json().path("detail").asString()).contains("app-specific password");
        assertThat(worker.get(USER + "/icloud-accounts").json().size()).isZero();
        String work = connect(workUser);
        String personal = connect(privateUser);

        // a Primary in one account, conflict calendars in both
        assertThat(worker.put(USER + "/calendar-configuration", Map.of(
                "primary", Map.of("accountId", work, "calendarId", "work"),
                "conflicts", List.of(Map.of("accountId", work, "calendarId", "team"),
                        Map.of("accountId", personal, "calendarId", "family")))).status()).isEqualTo(200);

        // book, reschedule: the Primary follows, one event
        kafka.publish(new AppointmentBooked("acme", "alex", "visit", 1, at(9), at(9).plus(30, ChronoUnit.MINUTES),
                "Europe/Berlin", "Visit", null, null));
        kafka.await(AppointmentSynced.class, e -> e.appointmentId().equals("visit") && e.revision() == 1);
        kafka.publish(new AppointmentRescheduled("acme", "alex", "visit", 2, at(11), at(11).plus(30, ChronoUnit.MINUTES),
                "Europe/Berlin", "Visit", null, null));
        assertThat(kafka.await(AppointmentSynced.class, e -> e.appointmentId().equals("visit") && e.revision() == 2)
                .action()).isEqualTo(SyncAction.UPDATED);
        assertThat(workPhone.allEventBodies("work")).singleElement().asString().contains("SUMMARY:Visit")
                .contains(basic(at(11)).substring(0, 8));

        // the phone: an event in the Primary and one in a conflict calendar of the other account
        workPhone.putEvent("work", "standup.ics", event("standup", at(13), at(14), "Standup"));
        privatePhone.putEvent("family", "school.ics", event("school", at(15), at(16), "School run"));
        awaitBusy(List.of(at(11) + " APPOINTMENT", at(13) + " ICLOUD", at(15) + " ICLOUD"));
        // moved and deleted on the phone
        privatePhone.putEvent("family", "school.ics", event("school", at(16), at(17), "School run"));
        workPhone.deleteEvent("work", "standup.ics");
        awaitBusy(List.of(at(11) + " APPOINTMENT", at(16) + " ICLOUD"));
        JsonNode free = availability.get(USER + "/free-slots?from=" + at(8) + "&to=" + at(18)
                + "&duration=PT1H&format=periods").json().path("slots");
        assertThat(free.toString()).contains("\"start\":\"" + at(8) + "\",\"end\":\"" + at(11) + "\"",
                "\"start\":\"" + at(11).plus(30, ChronoUnit.MINUTES) + "\",\"end\":\"" + at(16) + "\"");

        // a NATIVE blocked slot counts, and never reaches iCloud
        kafka.publishAll(List.of(new SlotBlocked("acme", "alex", "native-lunch", SlotSource.NATIVE, null, at(12),
                at(13), false, "Lunch (booked elsewhere)", null, null)));
        awaitBusy(List.of(at(11) + " APPOINTMENT", at(12) + " NATIVE", at(16) + " ICLOUD"));
        assertThat(workPhone.allEventBodies("work")).noneMatch(body -> body.contains("Lunch"));
        assertThat(workPhone.allEventBodies("team")).isEmpty();
        assertThat(privatePhone.allEventBodies("family")).noneMatch(body -> body.contains("Lunch"));

        // pushed appointments never come back as blocked slots
        JsonNode slots = availability.get(USER + "/blocked-slots?from=" + at(0) + "&to=" + at(24)).json().path("slots");
        assertThat(slots.toString()).doesNotContain("Visit").contains("School run");

        // cancel: the event leaves the Primary, and the busy time goes
        kafka.publish(new AppointmentCancelled("acme", "alex", "visit", 3, null));
        assertThat(kafka.await(AppointmentSynced.class, e -> e.appointmentId().equals("visit") && e.revision() == 3)
                .action()).isEqualTo(SyncAction.DELETED);
        assertThat(workPhone.allEventBodies("work")).isEmpty();

        // disconnect: the account's busy time is gone
        assertThat(worker.delete(USER + "/icloud-accounts/" + personal).status()).isEqualTo(204);
        awaitBusy(List.of(at(12) + " NATIVE"));
    }

    private String connect(CalDavUser user) {
        JsonHttp.Response connected = worker.post(USER + "/icloud-accounts",
                Map.of("appleId", user.username(), "appSpecificPassword", user.password()));
        assertThat(connected.status()).as(connected.body()).isEqualTo(201);
        return connected.json().get("accountId").asString();
    }

    /** Busy time of the day, as "start KIND" per interval, until it is {@code expected}. */
    private void awaitBusy(List<String> expected) {
        String query = USER + "/busy?explain=true&from=" + at(0) + "&to=" + at(24);
        Awaitility.await("busy " + expected).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    List<String> busy = new ArrayList<>();
                    for (JsonNode interval : availability.get(query).json().path("busy")) {
                        busy.add(interval.path("start").asString() + " "
                                + interval.path("sources").get(0).path("kind").asString());
                    }
                    return busy;
                }, expected::equals);
    }

    private Instant at(int hour) {
        return day.plus(hour, ChronoUnit.HOURS);
    }

    private static String event(String uid, Instant start, Instant end, String summary) {
        return String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//phone//EN", "BEGIN:VEVENT",
                "UID:" + uid, "DTSTAMP:20261101T000000Z", "DTSTART:" + basic(start), "DTEND:" + basic(end),
                "SUMMARY:" + summary, "END:VEVENT", "END:VCALENDAR", "");
    }

    private static String basic(Instant instant) {
        return instant.toString().replace("-", "").replace(":", "").replace(".000", "");
    }
}
