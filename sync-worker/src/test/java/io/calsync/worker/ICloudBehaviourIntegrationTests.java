package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.ReleaseReason;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.testsupport.JsonHttp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

/** Connecting and configuring against iCloud's behaviour (ICLOUD.md), reproduced by the proxy in front of Radicale. */
class ICloudBehaviourIntegrationTests extends WorkerIntegrationTest {

    private final String userId = "u-" + UUID.randomUUID();

    private String accounts() {
        return usersPath("acme", userId) + "/icloud-accounts";
    }

    private JsonHttp.Response tryConnect(CalDavUser caldav) {
        return api().post(accounts(), Map.of("appleId", caldav.username(), "appSpecificPassword", caldav.password()));
    }

    private CalDavUser userWithCalendar() {
        CalDavUser caldav = RADICALE.newUser();
        RADICALE.phoneOf(caldav).createCalendar("work", "Work", "VEVENT");
        return caldav;
    }

    private void assertNothingSaved() {
        assertThat(api().get(accounts()).json()).isEmpty();
    }

    @Test
    void discoveryFollowsTheCalendarHomeToThePartitionHost() {
        CalDavUser caldav = userWithCalendar();

        JsonNode account = connect("acme", userId, caldav);

        assertThat(account.get("calendars")).extracting(c -> c.get("calendarId").asString()).containsExactly("work");
        List<ICloudProxy.Request> seen = ICLOUD.requestsOf(caldav.username());
        assertThat(seen).filteredOn(r -> !r.partitionHost()).extracting(ICloudProxy.Request::method).containsOnly("PROPFIND");
        assertThat(seen).filteredOn(r -> !r.partitionHost()).extracting(ICloudProxy.Request::status).containsOnly(207);
        assertThat(seen).filteredOn(ICloudProxy.Request::partitionHost).isNotEmpty();
    }

    @Test
    void aRevokedPasswordGets422WithGuidanceAndAnEmptyBodiedAppleChallengeIsHandled() {
        CalDavUser caldav = userWithCalendar();
        ICLOUD.forAppleId(caldav.username()).revokePassword();

        JsonHttp.Response response = tryConnect(caldav);

        assertThat(response.status()).isEqualTo(422);
        assertThat(response.json().get("detail").asString()).contains("app-specific password from appleid.apple.com");
        assertThat(response.body()).doesNotContain(caldav.password());
        assertNothingSaved();
    }

    @Test
    void throttlingGets503WithICloudsRetryAfterAndNothingIsSaved() {
        CalDavUser caldav = userWithCalendar();
        ICLOUD.forAppleId(caldav.username()).throttle(1, Duration.ofSeconds(120));

        JsonHttp.Response response = tryConnect(caldav);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("120");
        assertNothingSaved();
        assertThat(tryConnect(caldav).status()).isEqualTo(201);
    }

    @Test
    void anOutageWithoutRetryAfterStillTellsTheCallerWhenToComeBack() {
        CalDavUser caldav = userWithCalendar();
        ICLOUD.forAppleId(caldav.username()).outage(null);

        JsonHttp.Response response = tryConnect(caldav);

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertNothingSaved();
    }

    @Test
    void resetConnectionsAndTimeoutsGet503AndNothingIsSaved() {
        CalDavUser caldav = userWithCalendar();
        ICLOUD.forAppleId(caldav.username()).resetConnections(10);
        assertThat(tryConnect(caldav).status()).isEqualTo(503);
        assertNothingSaved();

        ICLOUD.forAppleId(caldav.username()).resetConnections(0).latency(Duration.ofSeconds(5)); // read timeout is 3 s
        JsonHttp.Response slow = tryConnect(caldav);
        assertThat(slow.status()).isEqualTo(503);
        assertThat(slow.json().get("detail").asString()).contains("nothing was saved");
        assertNothingSaved();
    }

    @Test
    void aReadOnlyCalendarCannotBePrimaryButCanBeCheckedForConflicts() {
        CalDavUser caldav = userWithCalendar();
        RADICALE.phoneOf(caldav).createCalendar("shared", "Shared with me", "VEVENT");
        ICLOUD.makeReadOnly(RADICALE.phoneOf(caldav).calendarPath("shared"));
        JsonNode account = connect("acme", userId, caldav);
        String accountId = account.get("accountId").asString();
        JsonNode shared = List.of(account.get("calendars").get(0), account.get("calendars").get(1)).stream()
                .filter(c -> c.get("calendarId").asString().equals("shared")).findFirst().orElseThrow();

        assertThat(shared.get("writable").asBoolean()).isFalse();
        assertThat(shared.get("canBePrimary").asBoolean()).isFalse();
        JsonHttp.Response asPrimary = configure("acme", userId, accountId, "shared", List.of());
        assertThat(asPrimary.status()).isEqualTo(422);
        assertThat(asPrimary.json().get("detail").asString()).contains("read-only");
        assertThat(configure("acme", userId, accountId, "work", List.of("shared")).status()).isEqualTo(200);
    }

    @Test
    void aDiscoveryAnswerWithoutCalendarHomeSetIsAClearErrorAndNothingIsSaved() {
        CalDavUser caldav = userWithCalendar();
        String principalOnly = """
                <?xml version="1.0" encoding="utf-8"?>
                <multistatus xmlns="DAV:"><response><href>/</href><propstat><prop><current-user-principal>
                <href>/%s/</href></current-user-principal></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>
                """.formatted(caldav.username().replace("@", "%40"));
        String noHomeSet = """
                <?xml version="1.0" encoding="utf-8"?>
                <multistatus xmlns="DAV:"><response><href>/x/</href><propstat><prop><displayname>x</displayname></prop>
                <status>HTTP/1.1 200 OK</status></propstat></response></multistatus>
                """;
        ICLOUD.forAppleId(caldav.username()).answerNextPropfindWith(principalOnly).answerNextPropfindWith(noHomeSet);

        JsonHttp.Response response = tryConnect(caldav);

        assertThat(response.status()).isEqualTo(502);
        assertThat(response.json().get("detail").asString()).contains("calendar-home-set");
        assertNothingSaved();
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage", "billion-laughs", "external-entity", "empty", "html"})
    void hostileOrBrokenXmlFromTheServerIsAClearErrorAndNothingIsSaved(String kind) {
        CalDavUser caldav = userWithCalendar();
        String body = switch (kind) {
            case "garbage" -> "<multistatus xmlns=\"DAV:\"><response><href>/</href><propstat>";
            case "billion-laughs" -> """
                    <?xml version="1.0"?>
                    <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                    <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                    <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                    <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                    <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                    <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                    <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                    <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                    <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
                    <multistatus xmlns="DAV:"><response><href>/</href><propstat><prop><current-user-principal>
                    <href>&lol9;</href></current-user-principal></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>
                    """;
            case "external-entity" -> """
                    <?xml version="1.0"?>
                    <!DOCTYPE multistatus [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
                    <multistatus xmlns="DAV:"><response><href>/</href><propstat><prop><current-user-principal>
                    <href>/&secret;/</href></current-user-principal></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>
                    """;
            case "empty" -> "";
            default -> "<html><body>Service Temporarily Unavailable</body></html>";
        };
        ICLOUD.forAppleId(caldav.username()).answerNextPropfindWith(body);

        JsonHttp.Response response = tryConnect(caldav);

        assertThat(response.status()).as(response.toString()).isEqualTo(502);
        assertThat(response.body()).doesNotContain("root:").doesNotContain("lollollol");
        assertNothingSaved();
    }

    @Test
    void refreshingFindsNewCalendarsAndADeletedSelectedCalendarStopsBlocking() {
        CalDavUser caldav = userWithCalendar();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        phone.createCalendar("trips", "Trips", "VEVENT");
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        configure("acme", userId, accountId, "work", List.of("trips"));
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(3, ChronoUnit.DAYS);
        phone.putEvent("trips", "flight.ics", String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:x",
                "BEGIN:VEVENT", "UID:flight-" + userId, "DTSTAMP:20261101T000000Z",
                "DTSTART:" + start.toString().replace("-", "").replace(":", ""),
                "DTEND:" + start.plusSeconds(7200).toString().replace("-", "").replace(":", ""),
                "SUMMARY:Flight", "END:VEVENT", "END:VCALENDAR", ""));
        SlotBlocked flight = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(userId));

        phone.createCalendar("gym", "Gym", "VEVENT");
        deleteCalendar(caldav, "trips");
        JsonHttp.Response refreshed = api().post(accounts() + "/" + accountId + "/calendars/refresh", "");

        assertThat(refreshed.status()).isEqualTo(200);
        assertThat(refreshed.json()).extracting(c -> c.get("calendarId").asString()).containsExactlyInAnyOrder("work", "gym");
        KAFKA.await(SlotReleased.class, e -> e.slotId().equals(flight.slotId()));
        assertThat(api().get(usersPath("acme", userId) + "/calendar-configuration").json().get("conflicts")).isEmpty();
    }

    @Test
    void reEnteringAPasswordIsCheckedAgainstICloudFirst() {
        CalDavUser caldav = userWithCalendar();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        CalDavUser changed = RADICALE.changePassword(caldav);
        String credentials = accounts() + "/" + accountId + "/credentials";

        JsonHttp.Response wrong = api().put(credentials, Map.of("appSpecificPassword", "qqqq-qqqq-qqqq-qqqq"));
        assertThat(wrong.status()).isEqualTo(422);

        JsonHttp.Response right = api().put(credentials, Map.of("appSpecificPassword", changed.password()));
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.json().get("status").asString()).isEqualTo("CONNECTED");
        KAFKA.await(IntegrationStatusChanged.class, e -> e.accountId().equals(accountId) && "re-authenticated".equals(e.reason()));
    }

    @Test
    void disconnectingDestroysThePasswordReleasesSlotsAndIsAnnounced() {
        CalDavUser caldav = userWithCalendar();
        Instant tomorrow = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        RADICALE.phoneOf(caldav).putEvent("work", "dentist.ics", ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//phone//EN\n"
                + "BEGIN:VEVENT\nUID:dentist-" + userId + "\nDTSTAMP:20260101T000000Z\nDTSTART:"
                + tomorrow.toString().replace("-", "").replace(":", "") + "\nDURATION:PT1H\nSUMMARY:Dentist\n"
                + "END:VEVENT\nEND:VCALENDAR\n").replace("\n", "\r\n"));
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        configure("acme", userId, accountId, "work", List.of());
        SlotBlocked dentist = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(userId)); // a slot that exists

        assertThat(api().delete(accounts() + "/" + accountId).status()).isEqualTo(204);

        SlotReleased released = KAFKA.await(SlotReleased.class, e -> e.slotId().equals(dentist.slotId()));
        assertThat(released.reason()).isEqualTo(ReleaseReason.ACCOUNT_DISCONNECTED);

        assertThat(api().get(accounts()).json()).isEmpty();
        assertThat(api().get(usersPath("acme", userId) + "/calendar-configuration").json().has("primary")).isFalse();
        IntegrationStatusChanged disconnected = KAFKA.await(IntegrationStatusChanged.class,
                e -> e.accountId().equals(accountId) && e.status() == AccountStatus.DISCONNECTED);
        assertThat(disconnected.userId()).isEqualTo(userId);
        assertThat(api().delete(accounts() + "/" + accountId).status()).isEqualTo(404);
    }

    private static void deleteCalendar(CalDavUser caldav, String calendarId) {
        RADICALE.phoneOf(caldav).deleteCalendar(calendarId);
    }
}
