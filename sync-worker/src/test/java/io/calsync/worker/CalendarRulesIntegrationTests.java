package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.ReleaseReason;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Per-calendar busy rules and the user's time zone (issue 9, point 3): set with the calendar configuration, shown
 * by it, validated, and applied by the poller to what it has stored, at once and without downloading any event.
 */
class CalendarRulesIntegrationTests extends WorkerIntegrationTest {

    /** Every test event carries this much text, so that any answer holding event data is told from sync answers. */
    private static final int EVENT_TEXT = 5_000;
    private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).plusDays(3);

    @Autowired
    JdbcClient jdbc;

    private record User(String userId, CalDavUser caldav, CalDavPhone phone, String accountId) {
        String path() {
            return usersPath("acme", userId) + "/calendar-configuration";
        }
    }

    private User userWith(String... calendars) {
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        for (String calendar : calendars) {
            phone.createCalendar(calendar, calendar, "VEVENT");
        }
        String userId = "u-" + UUID.randomUUID();
        return new User(userId, caldav, phone, connect("acme", userId, caldav).get("accountId").asString());
    }

    private static Map<String, Object> calendar(User user, String calendarId, Map<String, Object> rules, String zone) {
        Map<String, Object> ref = new HashMap<>(Map.of("accountId", user.accountId(), "calendarId", calendarId));
        if (rules != null) {
            ref.put("rules", rules);
        }
        if (zone != null) {
            ref.put("timeZone", zone);
        }
        return ref;
    }

    private JsonHttp.Response put(User user, Map<String, Object> primary, List<Map<String, Object>> conflicts) {
        Map<String, Object> body = new HashMap<>();
        if (primary != null) {
            body.put("primary", primary);
        }
        body.put("conflicts", conflicts);
        return api().put(user.path(), body);
    }

    private JsonNode configuration(User user) {
        JsonHttp.Response response = api().get(user.path());
        assertThat(response.status()).isEqualTo(200);
        return response.json();
    }

    private static void assertDefaultRules(JsonNode calendar) {
        JsonNode rules = calendar.get("rules");
        assertThat(rules.get("allDayEventsBlock").asBoolean()).isTrue();
        assertThat(rules.get("tentativeEventsBlock").asBoolean()).isTrue();
        assertThat(rules.get("declinedInvitationsBlock").asBoolean()).isFalse();
        assertThat(rules.get("unansweredInvitationsBlock").asBoolean()).isTrue();
        assertThat(rules.get("privacy").asString()).isEqualTo("TITLES");
    }

    // --- events, each with EVENT_TEXT characters of description, folded as RFC 5545 section 3.1 asks

    private static String event(String uid, String summary, String... lines) {
        StringBuilder description = new StringBuilder("DESCRIPTION:");
        String text = "x".repeat(EVENT_TEXT);
        for (int i = 0; i < text.length(); i += 60) {
            description.append(i == 0 ? "" : "\n ").append(text, i, Math.min(text.length(), i + 60));
        }
        return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//phone//EN\nBEGIN:VEVENT\nUID:" + uid
                + "\nDTSTAMP:20260101T000000Z\n" + String.join("\n", lines) + "\nSUMMARY:" + summary + "\n" + description
                + "\nEND:VEVENT\nEND:VCALENDAR\n").replace("\n", "\r\n");
    }

    private static String utc(int hour) {
        return DAY.atTime(hour, 0).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    }

    private static String floating(int hour) {
        return DAY.atTime(hour, 0).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
    }

    private static String date(LocalDate day) {
        return day.format(DateTimeFormatter.BASIC_ISO_DATE);
    }

    /** Answers that carried event data (a calendar-multiget or a GET): sync and listing answers are far smaller. */
    private static long downloadsOf(User user) {
        return ICLOUD.requestsOf(user.caldav().username()).stream()
                .filter(r -> r.decodedBytes() >= EVENT_TEXT).count();
    }

    private static long pollsOf(User user, String calendarId) {
        return ICLOUD.requestsOf(user.caldav().username()).stream()
                .filter(r -> r.method().equals("REPORT") && r.status() == 207 && r.path().endsWith("/" + calendarId + "/"))
                .count();
    }

    private static SlotBlocked blocked(User user, String uid) {
        return KAFKA.await(SlotBlocked.class, e -> e.userId().equals(user.userId()) && e.origin().eventUid().equals(uid));
    }

    @Test
    void aConfigurationWithoutRules_getsTheDefaults_andShowsThem() {
        User user = userWith("work", "family");

        assertThat(configure("acme", user.userId(), user.accountId(), "work", List.of("family")).status()).isEqualTo(200);

        JsonNode configuration = configuration(user);
        assertDefaultRules(configuration.get("primary"));
        assertDefaultRules(configuration.get("conflicts").get(0));
        assertThat(configuration.get("primary").has("timeZone")).isFalse();
    }

    @Test
    void rulesAndTimeZoneAreSetPerCalendar_fieldsLeftOutTakeTheirDefaults_andPutAnswersWhatGetShows() {
        User user = userWith("work", "family", "sport");

        JsonHttp.Response put = put(user, calendar(user, "work", Map.of("allDayEventsBlock", false, "privacy", "BUSY"),
                "Europe/Berlin"), List.of(calendar(user, "family", Map.of("declinedInvitationsBlock", true), null),
                calendar(user, "sport", null, "America/New_York")));

        assertThat(put.status()).isEqualTo(200);
        JsonNode configuration = configuration(user);
        assertThat(put.json()).isEqualTo(configuration);
        JsonNode work = configuration.get("primary");
        assertThat(work.get("timeZone").asString()).isEqualTo("Europe/Berlin");
        assertThat(work.get("rules").get("allDayEventsBlock").asBoolean()).isFalse();
        assertThat(work.get("rules").get("privacy").asString()).isEqualTo("BUSY");
        assertThat(work.get("rules").get("tentativeEventsBlock").asBoolean()).isTrue();
        assertThat(work.get("rules").get("unansweredInvitationsBlock").asBoolean()).isTrue();
        JsonNode family = conflict(configuration, "family");
        assertThat(family.get("rules").get("declinedInvitationsBlock").asBoolean()).isTrue();
        assertThat(family.has("timeZone")).isFalse();
        JsonNode sport = conflict(configuration, "sport");
        assertDefaultRules(sport);
        assertThat(sport.get("timeZone").asString()).isEqualTo("America/New_York");

        // a configuration sent again without rules goes back to the defaults: PUT replaces the whole configuration
        assertThat(configure("acme", user.userId(), user.accountId(), "work", List.of("family")).status()).isEqualTo(200);
        assertDefaultRules(configuration(user).get("primary"));
        assertThat(configuration(user).get("primary").has("timeZone")).isFalse();
    }

    private static JsonNode conflict(JsonNode configuration, String calendarId) {
        for (JsonNode conflict : configuration.get("conflicts")) {
            if (conflict.get("calendarId").asString().equals(calendarId)) {
                return conflict;
            }
        }
        throw new AssertionError("no conflict calendar " + calendarId + " in " + configuration);
    }

    @Test
    void anUnknownTimeZoneOrPrivacy_is400NamingTheField_withoutEchoingIt_andChangesNothing() {
        User user = userWith("work", "family");
        configure("acme", user.userId(), user.accountId(), "work", List.of("family"));
        JsonNode before = configuration(user);

        JsonHttp.Response unknownZone = put(user, calendar(user, "work", null, "Mars/Olympus_Mons"), List.of());
        JsonHttp.Response offset = put(user, calendar(user, "work", null, null),
                List.of(calendar(user, "family", null, "+02:00")));
        JsonHttp.Response privacy = put(user, calendar(user, "work", Map.of("privacy", "SECRET_AGENT"), null), List.of());
        JsonHttp.Response twice = put(user, null, List.of(calendar(user, "family", null, null),
                calendar(user, "family", Map.of("tentativeEventsBlock", false), null)));

        assertThat(unknownZone.status()).isEqualTo(400);
        assertThat(unknownZone.json().get("detail").asString()).contains("primary.timeZone").doesNotContain("Mars");
        assertThat(offset.status()).isEqualTo(400);
        assertThat(offset.json().get("detail").asString()).contains("conflicts[0].timeZone");
        assertThat(privacy.status()).isEqualTo(400);
        assertThat(privacy.json().get("detail").asString()).contains("privacy").doesNotContain("SECRET_AGENT");
        assertThat(twice.status()).isEqualTo(400);
        assertThat(twice.json().get("detail").asString()).contains("conflicts[1]");
        assertThat(configuration(user)).isEqualTo(before);
    }

    @Test
    void changedRulesRepublishTheSlotsFromWhatIsStored_withoutDownloadingAnEvent_andNeverAnAttendee() {
        User user = userWith("work");
        String me = "mailto:" + user.caldav().username();
        Map<String, String> uids = new HashMap<>();
        for (String name : List.of("holiday", "maybe", "declined", "unanswered", "dentist")) {
            uids.put(name, name + "-" + user.userId());
        }
        CalDavPhone phone = user.phone();
        phone.putEvent("work", "holiday.ics", event(uids.get("holiday"), "Holiday",
                "DTSTART;VALUE=DATE:" + date(DAY), "DTEND;VALUE=DATE:" + date(DAY.plusDays(1))));
        phone.putEvent("work", "maybe.ics", event(uids.get("maybe"), "Maybe lunch", "DTSTART:" + utc(12),
                "DTEND:" + utc(13), "STATUS:TENTATIVE"));
        phone.putEvent("work", "declined.ics", event(uids.get("declined"), "Declined review", "DTSTART:" + utc(14),
                "DTEND:" + utc(15), "ORGANIZER;CN=Boss Person:mailto:boss@example.com",
                "ATTENDEE;CN=Me Myself;PARTSTAT=DECLINED:" + me,
                "ATTENDEE;CN=Colleague Person;PARTSTAT=ACCEPTED:mailto:colleague@example.com"));
        phone.putEvent("work", "unanswered.ics", event(uids.get("unanswered"), "Unanswered sync", "DTSTART:" + utc(16),
                "DTEND:" + utc(17), "ORGANIZER;CN=Boss Person:mailto:boss@example.com",
                "ATTENDEE;CN=Me Myself;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:" + me));
        phone.putEvent("work", "dentist.ics", event(uids.get("dentist"), "Dentist", "DTSTART:" + utc(9),
                "DTEND:" + utc(10)));
        configure("acme", user.userId(), user.accountId(), "work", List.of());
        for (String name : List.of("holiday", "maybe", "unanswered", "dentist")) {
            assertThat(blocked(user, uids.get(name)).title()).isNotEqualTo("Busy");
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pollsOf(user, "work") >= 2);
        assertThat(KAFKA.events(SlotBlocked.class)).noneMatch(e -> e.origin().eventUid().equals(uids.get("declined")));
        long downloads = downloadsOf(user);
        assertThat(downloads).as("the first sync downloaded the events, and this test can see it").isPositive();
        long blockedBefore = KAFKA.events(SlotBlocked.class).stream().filter(e -> e.userId().equals(user.userId())).count();

        JsonHttp.Response changed = put(user, calendar(user, "work", Map.of("allDayEventsBlock", false,
                "tentativeEventsBlock", false, "declinedInvitationsBlock", true, "unansweredInvitationsBlock", false,
                "privacy", "BUSY"), null), List.of());

        assertThat(changed.status()).isEqualTo(200);
        SlotBlocked declined = KAFKA.await(SlotBlocked.class, e -> e.origin().eventUid().equals(uids.get("declined")),
                Duration.ofSeconds(10));
        assertThat(declined.title()).isEqualTo("Busy");
        assertThat(KAFKA.await(SlotBlocked.class, e -> e.origin().eventUid().equals(uids.get("dentist"))
                && e.title().equals("Busy")).start()).isEqualTo(DAY.atTime(9, 0).toInstant(ZoneOffset.UTC));
        for (String gone : List.of("holiday", "maybe", "unanswered")) {
            String slotId = blocked(user, uids.get(gone)).slotId();
            assertThat(KAFKA.await(SlotReleased.class, e -> e.slotId().equals(slotId)).reason())
                    .isEqualTo(ReleaseReason.EVENT_REMOVED);
        }
        assertThat(downloadsOf(user)).as("nothing was downloaded again").isEqualTo(downloads);
        assertThat(KAFKA.events(SlotBlocked.class).stream().filter(e -> e.userId().equals(user.userId())).count())
                .isEqualTo(blockedBefore + 2);
        // no attendee or organizer, not even the account's own address, in anything published about this user
        assertThat(recordsAbout(user)).isNotEmpty().allSatisfy(text -> assertThat(text)
                .doesNotContain("boss@example.com", "Boss Person", "colleague@example.com", "Colleague",
                        "Me Myself", user.caldav().username()));
    }

    private static List<String> recordsAbout(User user) {
        return KAFKA.received().stream().map(KafkaEvents.Received::record)
                .filter(r -> r.value() != null)
                .map(r -> new String(r.value(), StandardCharsets.UTF_8))
                .filter(text -> text.contains(user.userId()))
                .toList();
    }

    @Test
    void theUsersTimeZoneMovesFloatingAndAllDayEvents_withoutDownloadingThemAgain() {
        User user = userWith("work");
        String gym = "gym-" + user.userId();
        String off = "off-" + user.userId();
        user.phone().putEvent("work", "gym.ics", event(gym, "Gym", "DTSTART:" + floating(9), "DTEND:" + floating(10)));
        user.phone().putEvent("work", "off.ics", event(off, "Day off", "DTSTART;VALUE=DATE:" + date(DAY),
                "DTEND;VALUE=DATE:" + date(DAY.plusDays(1))));
        configure("acme", user.userId(), user.accountId(), "work", List.of());
        assertThat(blocked(user, gym).start()).isEqualTo(DAY.atTime(9, 0).toInstant(ZoneOffset.UTC));
        assertThat(blocked(user, off).start()).isEqualTo(DAY.atStartOfDay(ZoneOffset.UTC).toInstant());
        long downloads = downloadsOf(user);

        assertThat(put(user, calendar(user, "work", null, "America/New_York"), List.of()).status()).isEqualTo(200);

        ZoneId newYork = ZoneId.of("America/New_York");
        Instant gymInNewYork = LocalDateTime.of(DAY, java.time.LocalTime.of(9, 0)).atZone(newYork).toInstant();
        SlotBlocked movedGym = KAFKA.await(SlotBlocked.class, e -> e.origin().eventUid().equals(gym)
                && e.start().equals(gymInNewYork), Duration.ofSeconds(10));
        SlotBlocked movedOff = KAFKA.await(SlotBlocked.class, e -> e.origin().eventUid().equals(off)
                && e.start().equals(DAY.atStartOfDay(newYork).toInstant()), Duration.ofSeconds(10));
        assertThat(movedGym.slotId()).isEqualTo(blocked(user, gym).slotId());
        assertThat(movedOff.startDate()).isEqualTo(DAY.toString());
        assertThat(movedOff.end()).isEqualTo(DAY.plusDays(1).atStartOfDay(newYork).toInstant());
        assertThat(downloadsOf(user)).isEqualTo(downloads);
    }

    @Test
    void aCalendarWhoseRulesOrZoneChangedIsDueAtOnce_oneLeftAsItWasKeepsItsTurn() {
        User user = userWith("work", "family");
        configure("acme", user.userId(), user.accountId(), "work", List.of("family"));
        // paused accounts are not polled, so nothing but the configuration moves next_poll_at here
        jdbc.sql("UPDATE icloud_account SET status = 'NEEDS_REAUTH' WHERE account_id = ?::uuid")
                .param(user.accountId()).update();
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT count(*) FROM calendar_selection WHERE account_id = ?::uuid AND lease_owner IS NULL""")
                .param(user.accountId()).query(Long.class).single() == 2);
        jdbc.sql("UPDATE calendar_selection SET next_poll_at = now() + interval '1 hour' WHERE account_id = ?::uuid")
                .param(user.accountId()).update();

        put(user, calendar(user, "work", null, null), List.of(calendar(user, "family", null, null)));
        assertThat(dueNow(user, "work")).as("unchanged").isFalse();
        assertThat(dueNow(user, "family")).as("unchanged").isFalse();

        put(user, calendar(user, "work", null, null), List.of(calendar(user, "family", Map.of("privacy", "BUSY"), null)));
        assertThat(dueNow(user, "work")).as("unchanged").isFalse();
        assertThat(dueNow(user, "family")).as("rules changed").isTrue();

        put(user, calendar(user, "work", null, "Asia/Tokyo"), List.of(calendar(user, "family", Map.of("privacy", "BUSY"), null)));
        assertThat(dueNow(user, "work")).as("zone changed").isTrue();
    }

    private boolean dueNow(User user, String calendarId) {
        return jdbc.sql("""
                SELECT next_poll_at <= now() FROM calendar_selection WHERE account_id = ?::uuid AND calendar_id = ?""")
                .params(user.accountId(), calendarId).query(Boolean.class).single();
    }
}
