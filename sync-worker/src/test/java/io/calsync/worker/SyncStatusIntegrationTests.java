package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.SlotBlocked;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.testsupport.JsonHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The operations API of a user: sync status (accounts, calendars, pushes) and a resync from scratch. */
class SyncStatusIntegrationTests extends WorkerIntegrationTest {

    private static final Instant TOMORROW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    @Test
    void statusShowsAccountsCalendarsAndPushes_resyncReadsEveryEventAgain() {
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        phone.createCalendar("work", "Work", "VEVENT");
        phone.createCalendar("family", "Family", "VEVENT");
        phone.putEvent("family", "dentist.ics", ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//phone//EN\nBEGIN:VEVENT\n"
                + "UID:dentist\nDTSTAMP:20260101T000000Z\nDTSTART:" + UTC.format(TOMORROW.plusSeconds(9 * 3600))
                + "\nDTEND:" + UTC.format(TOMORROW.plusSeconds(10 * 3600)) + "\nSUMMARY:Dentist\nEND:VEVENT\n"
                + "END:VCALENDAR\n").replace("\n", "\r\n"));
        String userId = "u-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        configure("acme", userId, accountId, "work", List.of("family"));
        String appointmentId = "status-" + UUID.randomUUID();
        KAFKA.publish(new AppointmentBooked("acme", userId, appointmentId, 1, TOMORROW, TOMORROW.plusSeconds(1800),
                "UTC", "Consultation", null, null));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId));
        KAFKA.await(SlotBlocked.class, e -> e.userId().equals(userId) && "Dentist".equals(e.title()));

        JsonNode status = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> syncStatus(userId),
                s -> s.path("accounts").get(0).path("calendars").size() == 2 && allOk(s));
        JsonNode account = status.path("accounts").get(0);
        assertThat(account.path("accountId").asString()).isEqualTo(accountId);
        assertThat(account.path("appleId").asString()).isEqualTo(caldav.username());
        assertThat(account.path("status").asString()).isEqualTo("CONNECTED");
        assertThat(account.path("calendars").findValuesAsString("calendarId")).containsExactlyInAnyOrder("work", "family");
        assertThat(status.path("pushes").path("pending").asLong()).isZero();
        assertThat(status.path("pushes").path("failed").asLong()).isZero();

        int readsBefore = fullReads(caldav, "family");
        JsonHttp.Response resync = api("acme").post(usersPath("acme", userId) + "/icloud-accounts/" + accountId
                + "/resync", null);
        assertThat(resync.status()).isEqualTo(202);
        assertThat(resync.json().path("calendarsReset").toString()).as(resync.body()).contains("family", "work");

        // from scratch: the stored events are forgotten, so the unchanged dentist event is downloaded again
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> fullReads(caldav, "family") > readsBefore);
    }

    @Test
    void resyncOfAnotherUsersAccountIs404_andAnotherTenantSeesNothing() {
        CalDavUser caldav = RADICALE.newUser();
        RADICALE.phoneOf(caldav).createCalendar("work", "Work", "VEVENT");
        String userId = "u-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();

        assertThat(api("acme").post(usersPath("acme", "someone-else") + "/icloud-accounts/" + accountId + "/resync",
                null).status()).isEqualTo(404);
        assertThat(api("other").get(usersPath("acme", userId) + "/sync-status").status()).isEqualTo(404);
        assertThat(api("acme").get(usersPath("acme", "nobody") + "/sync-status").json().path("accounts").size())
                .isZero();
    }

    private JsonNode syncStatus(String userId) {
        JsonHttp.Response response = api("acme").get(usersPath("acme", userId) + "/sync-status");
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static boolean allOk(JsonNode status) {
        for (JsonNode calendar : status.path("accounts").get(0).path("calendars")) {
            if (!"OK".equals(calendar.path("state").asString()) || calendar.path("lastSuccessAt").isNull()) {
                return false;
            }
        }
        return true;
    }

    /**
     * REPORTs on the calendar whose answer carries more than an empty change report: a poll of an unchanged calendar
     * with its sync token answers about 200 bytes; a listing or a multiget of the dentist event answers more.
     */
    private static int fullReads(CalDavUser caldav, String calendarId) {
        return (int) ICLOUD.requestsOf(caldav.username()).stream()
                .filter((ICloudProxy.Request r) -> r.method().equals("REPORT") && r.path().endsWith("/" + calendarId + "/")
                        && r.status() == 207 && r.decodedBytes() > 300)
                .count();
    }
}
