package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.Topics;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Every outside input of the sync-worker, broken: each gets a clear error, and nothing else is lost or stopped. */
class BrokenInputIntegrationTests extends WorkerIntegrationTest {

    private String accounts(String userId) {
        return usersPath("acme", userId) + "/icloud-accounts";
    }

    @Test
    void poisonAppointmentRecordsGoToTheDeadLetterTopicAndLaterRecordsArePushed() {
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        phone.createCalendar("work", "Work", "VEVENT");
        String userId = "user-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        configure("acme", userId, accountId, "work", List.of());
        String poison = "poison-" + UUID.randomUUID();

        KAFKA.send(new ProducerRecord<>(Topics.APPOINTMENTS, poison + "-json", "{{{".getBytes(StandardCharsets.UTF_8)));
        ProducerRecord<String, byte[]> wrongType = new ProducerRecord<>(Topics.APPOINTMENTS, poison + "-type",
                "{}".getBytes(StandardCharsets.UTF_8));
        wrongType.headers().add(new RecordHeader("ce_specversion", "1.0".getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader("ce_id", "1".getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader("ce_source", "/x".getBytes(StandardCharsets.UTF_8)))
                .add(new RecordHeader("ce_type", "io.calsync.slot.released.v1".getBytes(StandardCharsets.UTF_8)));
        KAFKA.send(wrongType);
        // over calsync's 256 KiB limit, under Kafka's own 1 MB default (which stops larger ones at the producer)
        KAFKA.send(new ProducerRecord<>(Topics.APPOINTMENTS, poison + "-big", new byte[900 * 1024]));
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS);
        String appointmentId = "after-poison-" + UUID.randomUUID();
        KAFKA.publish(new AppointmentBooked("acme", userId, appointmentId, 1, start, start.plusSeconds(900), "UTC",
                "After the poison", null, null));

        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId));
        List<KafkaEvents.Received> dead = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> KAFKA.received().stream().filter(r -> r.record().key() != null
                        && r.record().key().startsWith(poison)).toList(), l -> l.size() == 3);
        assertThat(dead).allSatisfy(r -> {
            assertThat(r.record().topic()).isEqualTo(Topics.deadLetter(Topics.APPOINTMENTS));
            assertThat(new String(r.record().headers().lastHeader("kafka_dlt-exception-message").value(),
                    StandardCharsets.UTF_8)).contains("invalid calsync event");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not-an-email", "@icloud.com", "jane@", "a@b@c.com"})
    void aMalformedAppleIdIsRejectedBeforeICloudIsAsked(String appleId) {
        JsonHttp.Response response = api().post(accounts("u-" + UUID.randomUUID()),
                Map.of("appleId", appleId, "appSpecificPassword", "abcd-efgh-ijkl-mnop"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("appleId");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "hunter2", "abcd-efgh-ijkl", "ABCD-EFGH-IJKL-MNOP", "abcd efgh ijkl mnop", "abcd-efgh-ijkl-mnop-qrst"})
    void aPasswordThatIsNotAnAppSpecificPasswordIsRejectedWithGuidance(String password) {
        JsonHttp.Response response = api().post(accounts("u-" + UUID.randomUUID()),
                Map.of("appleId", "jane@icloud.test", "appSpecificPassword", password));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("xxxx-xxxx-xxxx-xxxx").contains("appleid.apple.com");
        assertThat(response.body()).doesNotContain(password.isBlank() ? "\u0000" : password);
    }

    @Test
    void unknownFieldsMissingFieldsAndNonJsonBodiesAreRejected() {
        String path = accounts("u-" + UUID.randomUUID());
        assertThat(api().post(path, Map.of("appleId", "jane@icloud.test", "appSpecificPassword", "abcd-efgh-ijkl-mnop",
                "isAdmin", true)).status()).isEqualTo(400);
        assertThat(api().post(path, Map.of("appleId", "jane@icloud.test")).status()).isEqualTo(400);
        assertThat(api().post(path, "{\"appleId\": ").status()).isEqualTo(400);
        assertThat(api().post(path, "[]").status()).isEqualTo(400);
        assertThat(api().get(path).json()).isEmpty();
    }

    @Test
    void aBodyOfSeveralMegabytesIsRefusedUnread() {
        String huge = "{\"appleId\":\"" + "a".repeat(5 * 1024 * 1024) + "@icloud.test\",\"appSpecificPassword\":\"abcd-efgh-ijkl-mnop\"}";

        JsonHttp.Response response = api().post(accounts("u-" + UUID.randomUUID()), huge);

        assertThat(response.status()).isEqualTo(413);
    }

    @Test
    void wrongCredentialsGet422WithTheAppSpecificPasswordGuidanceAndNothingIsSaved() {
        CalDavUser caldav = RADICALE.newUser();
        String userId = "u-" + UUID.randomUUID();

        JsonHttp.Response response = api().post(accounts(userId),
                Map.of("appleId", caldav.username(), "appSpecificPassword", "wxyz-wxyz-wxyz-wxyz"));

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").asString())
                .isEqualTo("iCloud rejected these credentials: use an app-specific password from appleid.apple.com "
                        + "(two-factor authentication must be on), not the Apple ID password");
        assertThat(api().get(accounts(userId)).json()).isEmpty();
    }

    @Test
    void connectingTheSameAccountTwiceIs409() {
        CalDavUser caldav = RADICALE.newUser();
        String userId = "u-" + UUID.randomUUID();
        connect("acme", userId, caldav);

        JsonHttp.Response again = api().post(accounts(userId),
                Map.of("appleId", caldav.username().toUpperCase(), "appSpecificPassword", caldav.password()));

        assertThat(again.status()).isEqualTo(409);
        assertThat(api().get(accounts(userId)).json()).hasSize(1);
    }

    @Test
    void unknownAccountsAndCalendarsAre404_andAnotherUsersAccountCannotBeChosen() {
        CalDavUser caldav = RADICALE.newUser();
        RADICALE.phoneOf(caldav).createCalendar("work", "Work", "VEVENT");
        String owner = "u-" + UUID.randomUUID();
        String accountId = connect("acme", owner, caldav).get("accountId").asString();
        String stranger = "u-" + UUID.randomUUID();

        assertThat(api().get(accounts(owner) + "/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(api().get(accounts(owner) + "/not-a-uuid").status()).isEqualTo(400);
        assertThat(configure("acme", owner, accountId, "no-such-calendar", List.of()).status()).isEqualTo(404);
        assertThat(configure("acme", stranger, accountId, "work", List.of()).status()).isEqualTo(404);
        assertThat(configure("other-tenant", owner, accountId, "work", List.of()).status()).isEqualTo(404);
        assertThat(api().get(accounts(stranger) + "/" + accountId).status()).isEqualTo(404);
        assertThat(api().get(usersPath("acme", owner) + "/calendar-configuration").json().get("conflicts")).isEmpty();
    }

    @Test
    void aCalendarThatCannotHoldEventsCannotBePrimary() {
        CalDavUser caldav = RADICALE.newUser();
        RADICALE.phoneOf(caldav).createCalendar("todos", "Reminders", "VTODO");
        String userId = "u-" + UUID.randomUUID();
        JsonNode account = connect("acme", userId, caldav);
        JsonNode todos = account.get("calendars").get(0);
        assertThat(todos.get("canBePrimary").asBoolean()).isFalse();

        JsonHttp.Response response = configure("acme", userId, account.get("accountId").asString(), "todos", List.of());

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").asString()).contains("cannot hold events");
        assertThat(api().get(usersPath("acme", userId) + "/calendar-configuration").json().has("primary")).isFalse();
    }

    @Test
    void conflictCalendarsMayComeFromSeveralAccounts() {
        CalDavUser first = RADICALE.newUser();
        CalDavUser second = RADICALE.newUser();
        RADICALE.phoneOf(first).createCalendar("work", "Work", "VEVENT");
        RADICALE.phoneOf(second).createCalendar("home", "Home", "VEVENT");
        String userId = "u-" + UUID.randomUUID();
        String a = connect("acme", userId, first).get("accountId").asString();
        String b = connect("acme", userId, second).get("accountId").asString();

        JsonHttp.Response response = api().put(usersPath("acme", userId) + "/calendar-configuration", Map.of(
                "primary", Map.of("accountId", a, "calendarId", "work"),
                "conflicts", List.of(Map.of("accountId", b, "calendarId", "home"))));

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().get("conflicts").get(0).get("accountId").asString()).isEqualTo(b);
        assertThat(api().get(accounts(userId)).json()).hasSize(2);
    }
}
