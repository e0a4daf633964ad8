package io.calsync.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.CalendarSyncState;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotOrigin;
import io.calsync.contracts.SlotSource;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.SharedKafka;
import io.calsync.testsupport.TestTokens;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The availability API end to end: events through Kafka into PostgreSQL, questions over HTTP. */
class AvailabilityApiIntegrationTests extends AvailabilityIntegrationTest {

    private static final KafkaEvents KAFKA = new KafkaEvents(SharedKafka.bootstrapServers());
    /** A Tuesday, far enough ahead that no minimum notice reaches it. */
    private static final Instant DAY = Instant.parse("2027-03-02T00:00:00Z");
    private static final Map<String, Object> NINE_TO_FIVE = Map.of("timeZone", "UTC", "weekly", Map.of(
            "tuesday", List.of(Map.of("start", "09:00", "end", "12:00"), Map.of("start", "13:00", "end", "17:00"))));

    private static String user() {
        return "u-" + UUID.randomUUID();
    }

    private static Instant at(String time) {
        return Instant.parse("2027-03-02T" + time + ":00Z");
    }

    private String path(String user, String rest) {
        return "/v1/tenants/acme/users/" + user + rest;
    }

    /** Publishes the appointment and waits until busy time shows it. */
    private void booked(String user, Instant start, Instant end) {
        KAFKA.publish(new AppointmentBooked("acme", user, "a-" + UUID.randomUUID(), 1, start, end, "UTC", "Haircut", null, null));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api().get(path(user, "/busy?from=" + DAY + "&to="
                + DAY.plus(Duration.ofDays(1)))).json().get("busy").toString().contains(start.toString()));
    }

    private JsonNode ok(JsonHttp.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static List<String> starts(JsonNode slots) {
        List<String> starts = new ArrayList<>();
        slots.forEach(s -> starts.add(s.get("start").asString().substring(11, 16)));
        return starts;
    }

    @Test
    void freeSlotsLieInTheScheduleAwayFromBusyTimeAndItsBuffers_andPeriodsAreTheFreeStretches() {
        String user = user();
        ok(api().put(path(user, "/schedule"), NINE_TO_FIVE));
        booked(user, at("10:00"), at("10:30"));

        JsonNode slots = ok(api().get(path(user, "/free-slots?from=" + DAY + "&to=" + DAY.plus(Duration.ofDays(1))
                + "&duration=PT30M&step=PT30M&bufferBefore=PT15M&bufferAfter=PT15M")));
        JsonNode periods = ok(api().get(path(user, "/free-slots?from=" + DAY + "&to=" + DAY.plus(Duration.ofDays(1))
                + "&duration=PT1H&format=periods")));

        assertThat(starts(slots.get("slots"))).containsExactly("09:00", "11:00", "11:30", "13:00", "13:30", "14:00", "14:30",
                "15:00", "15:30", "16:00", "16:30");
        assertThat(slots.get("timeZone").asString()).isEqualTo("UTC");
        assertThat(slots.get("freshness").get("calendarConnected").asBoolean()).isFalse();
        assertThat(periods.get("slots").toString()).isEqualTo("[{\"start\":\"2027-03-02T09:00:00Z\",\"end\":\"2027-03-02T10:00:00Z\"},"
                + "{\"start\":\"2027-03-02T10:30:00Z\",\"end\":\"2027-03-02T12:00:00Z\"},"
                + "{\"start\":\"2027-03-02T13:00:00Z\",\"end\":\"2027-03-02T17:00:00Z\"}]");
        assertThat(ok(api().get(path(user, "/free-slots?from=" + DAY + "&to=" + DAY.plus(Duration.ofDays(1))
                + "&duration=PT30M&maxPerDay=1"))).get("slots")).isEmpty();
    }

    @Test
    void aConflictNamesWhatItMeetsAndWhetherTheTimeIsInTheSchedule() {
        String user = user();
        ok(api().put(path(user, "/schedule"), NINE_TO_FIVE));
        KAFKA.publish(new SlotBlocked("acme", user, "s-" + user, SlotSource.ICLOUD,
                new SlotOrigin("acc-" + user, "family", CalendarRole.CONFLICT, "uid-1", "2027-03-02T11:00:00Z"),
                at("11:00"), at("11:45"), false, "Busy"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ok(api().get(path(user, "/blocked-slots?from="
                + DAY + "&to=" + DAY.plus(Duration.ofDays(1))))).get("slots").size() == 1);

        JsonNode conflict = ok(api().post(path(user, "/conflicts"), Map.of("start", "2027-03-02T11:45:00Z",
                "end", "2027-03-02T12:30:00Z", "bufferBefore", "PT5M")));
        JsonNode touching = ok(api().post(path(user, "/conflicts"), Map.of("start", "2027-03-02T11:45:00Z",
                "end", "2027-03-02T12:00:00Z")));

        assertThat(conflict.get("conflicting").asBoolean()).isTrue();
        assertThat(conflict.get("insideSchedule").asBoolean()).isFalse();
        JsonNode source = conflict.get("conflicts").get(0);
        assertThat(source.get("kind").asString()).isEqualTo("ICLOUD");
        assertThat(source.get("eventUid").asString()).isEqualTo("uid-1");
        assertThat(source.get("recurrenceId").asString()).isEqualTo("2027-03-02T11:00:00Z");
        assertThat(source.get("title").asString()).isEqualTo("Busy");
        assertThat(touching.get("conflicting").asBoolean()).isFalse();
        assertThat(touching.get("insideSchedule").asBoolean()).isTrue();
    }

    @Test
    void blockedSlotsShowAllDaySlotsWithTheirLocalDatesAndTheirCalendar() {
        String user = user();
        KAFKA.publish(new SlotBlocked("acme", user, "allday-" + user, SlotSource.ICLOUD,
                new SlotOrigin("acc-" + user, "home", CalendarRole.PRIMARY, "uid-a", null),
                Instant.parse("2027-03-01T23:00:00Z"), Instant.parse("2027-03-03T23:00:00Z"), "Holiday",
                LocalDate.parse("2027-03-02"), LocalDate.parse("2027-03-04")));
        KAFKA.publish(new SlotBlocked("acme", user, "native-" + user, SlotSource.NATIVE, null, at("08:00"), at("09:00"),
                false, "Gym"));

        JsonNode slots = Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ok(api().get(path(user,
                "/blocked-slots?from=" + DAY + "&to=" + DAY.plus(Duration.ofDays(1))))).get("slots"), s -> s.size() == 2);

        assertThat(slots.get(0).get("startDate").asString()).isEqualTo("2027-03-02");
        assertThat(slots.get(0).get("endDate").asString()).isEqualTo("2027-03-04");
        assertThat(slots.get(0).get("allDay").asBoolean()).isTrue();
        assertThat(slots.get(0).get("role").asString()).isEqualTo("PRIMARY");
        assertThat(slots.get(0).get("title").asString()).isEqualTo("Holiday");
        assertThat(slots.get(1).get("source").asString()).isEqualTo("NATIVE");
        assertThat(slots.get(1).has("startDate")).isFalse();
    }

    @Test
    void aScheduleIsStoredReadAndRemoved_andARejectedOneChangesNothing() {
        String user = user();
        assertThat(api().get(path(user, "/schedule")).status()).isEqualTo(404);
        JsonNode stored = ok(api().put(path(user, "/schedule"), Map.of("timeZone", "Europe/Berlin",
                "weekly", Map.of("monday", List.of(Map.of("start", "13:00", "end", "24:00"), Map.of("start", "08:00", "end", "12:00"))),
                "overrides", List.of(Map.of("date", "2027-12-24", "hours", List.of())))));

        JsonNode rejected = api().put(path(user, "/schedule"), Map.of("timeZone", "Europe/Berlin",
                "weekly", Map.of("monday", List.of(Map.of("start", "09:00", "end", "12:00"), Map.of("start", "11:00", "end", "13:00"))))).json();

        assertThat(stored.get("weekly").get("monday").toString())
                .isEqualTo("[{\"start\":\"08:00\",\"end\":\"12:00\"},{\"start\":\"13:00\",\"end\":\"24:00\"}]");
        assertThat(rejected.get("field").asString()).isEqualTo("weekly.monday[1]");
        assertThat(ok(api().get(path(user, "/schedule")))).isEqualTo(stored);
        assertThat(api().delete(path(user, "/schedule")).status()).isEqualTo(204);
        assertThat(api().get(path(user, "/schedule")).status()).isEqualTo(404);
    }

    @Test
    void anUnknownUserHasNoBusyTimeAndNoCalendarConnected() {
        JsonNode busy = ok(api().get(path(user(), "/busy?from=" + DAY + "&to=" + DAY.plus(Duration.ofDays(1)))));

        assertThat(busy.get("busy")).isEmpty();
        assertThat(busy.get("freshness").get("calendarConnected").asBoolean()).isFalse();
        assertThat(busy.get("freshness").get("calendars")).isEmpty();
    }

    @Test
    void aStaleCalendarMakesItsUserBusy_countsAsLastKnown_orFailsTheRequest_asTheTenantSays() {
        String tenant = "stale-" + UUID.randomUUID().toString().substring(0, 8);
        JsonHttp tenantApi = anonymousApi().with("Authorization", TestTokens.bearer(TestTokens.forTenant(tenant)));
        String user = user();
        Instant longAgo = Instant.parse("2026-01-01T00:00:00Z");
        KAFKA.publish(new CalendarSyncStatusReported(tenant, user, "acc-" + user, "work", CalendarRole.PRIMARY,
                CalendarSyncState.OK, longAgo, longAgo, null));
        String slots = "/v1/tenants/" + tenant + "/users/" + user + "/free-slots?from=" + DAY + "&to="
                + DAY.plus(Duration.ofHours(2)) + "&duration=PT1H";
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ok(tenantApi.get(slots)).get("freshness")
                .get("calendarConnected").asBoolean());

        assertThat(ok(tenantApi.get("/v1/tenants/" + tenant + "/availability-settings")).toString())
                .isEqualTo("{\"staleAfter\":\"PT15M\",\"stalePolicy\":\"BUSY\"}");
        JsonNode busy = ok(tenantApi.get(slots));
        assertThat(busy.get("slots")).isEmpty();
        assertThat(busy.get("freshness").get("anyStale").asBoolean()).isTrue();
        assertThat(busy.get("freshness").get("wholeWindowBusy").asBoolean()).isTrue();
        JsonNode conflict = ok(tenantApi.post("/v1/tenants/" + tenant + "/users/" + user + "/conflicts",
                Map.of("start", DAY.toString(), "end", DAY.plus(Duration.ofHours(1)).toString())));
        assertThat(conflict.get("conflicts").get(0).get("kind").asString()).isEqualTo("UNTRUSTED_CALENDAR");
        String busyTime = "/v1/tenants/" + tenant + "/users/" + user + "/busy?explain=true&from=" + DAY + "&to="
                + DAY.plus(Duration.ofHours(2));
        JsonNode wholeWindow = ok(tenantApi.get(busyTime));
        assertThat(wholeWindow.get("busy")).hasSize(1);
        assertThat(wholeWindow.get("busy").get(0).get("sources").get(0).get("kind").asString()).isEqualTo("UNTRUSTED_CALENDAR");

        ok(tenantApi.put("/v1/tenants/" + tenant + "/availability-settings", Map.of("staleAfter", "PT15M", "stalePolicy", "LAST_KNOWN")));
        assertThat(starts(ok(tenantApi.get(slots)).get("slots"))).containsExactly("00:00", "01:00");
        assertThat(ok(tenantApi.get(busyTime)).get("busy")).isEmpty();

        JsonNode refused = tenantApi.put("/v1/tenants/" + tenant + "/availability-settings",
                Map.of("staleAfter", "PT15M", "stalePolicy", "SOMETIMES")).json();
        assertThat(refused.get("field").asString()).isEqualTo("stalePolicy");
        ok(tenantApi.put("/v1/tenants/" + tenant + "/availability-settings", Map.of("staleAfter", "PT15M", "stalePolicy", "FAIL")));
        JsonHttp.Response failed = tenantApi.get(slots);
        assertThat(failed.status()).isEqualTo(503);
        assertThat(failed.headers().firstValue("Retry-After")).isPresent();
        assertThat(tenantApi.get(busyTime).status()).isEqualTo(503);
    }

    @Test
    void teamSlotsAreWhereAllAnyOrAtLeastCountAreFree_eachListingWhoIsFree() {
        String ann = user();
        String bob = user();
        String cid = user();
        booked(ann, at("00:00"), at("01:00"));
        booked(bob, at("01:00"), at("02:00"));
        booked(cid, at("00:00"), at("02:00"));
        Map<String, Object> question = Map.of("users", List.of(ann, bob, cid), "from", DAY.toString(),
                "to", DAY.plus(Duration.ofHours(3)).toString(), "duration", "PT1H");

        JsonNode all = ok(api().post("/v1/tenants/acme/free-slots", with(question, "mode", "all")));
        JsonNode any = ok(api().post("/v1/tenants/acme/free-slots", with(question, "mode", "any")));
        JsonNode two = ok(api().post("/v1/tenants/acme/free-slots", with(with(question, "mode", "atLeast"), "count", 2)));

        assertThat(starts(all.get("slots"))).containsExactly("02:00");
        assertThat(starts(any.get("slots"))).containsExactly("00:00", "01:00", "02:00");
        assertThat(any.get("slots").get(0).get("free").toString()).isEqualTo("[\"" + bob + "\"]");
        assertThat(starts(two.get("slots"))).containsExactly("02:00");
        assertThat(all.get("users")).hasSize(3);
        assertThat(api().post("/v1/tenants/acme/free-slots", with(with(question, "mode", "atLeast"), "count", 4))
                .json().get("field").asString()).isEqualTo("count");
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }
}
