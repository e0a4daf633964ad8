package io.calsync.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.testsupport.JsonHttp;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Every bad input of issue 10: a 400 problem naming the field, and nothing stored from a rejected request. */
class BadInputIntegrationTests extends AvailabilityIntegrationTest {

    private static final String SLOTS = "/v1/tenants/acme/users/bad-input/free-slots?";
    private static final String OK = "from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00Z&duration=PT30M";

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of(SLOTS + "from=2027-03-08T00:00:00Z&to=2027-03-01T00:00:00Z&duration=PT30M", "to"),
                Arguments.of(SLOTS + "from=2027-03-01T00:00:00Z&to=2027-03-01T00:00:00Z&duration=PT30M", "to"),
                Arguments.of(SLOTS + "from=2027-01-01T00:00:00Z&to=2027-04-02T00:00:00Z&duration=PT30M", "to"),
                Arguments.of("/v1/tenants/acme/users/bad-input/busy?from=2027-01-01T00:00:00Z&to=2028-01-03T00:00:00Z", "to"),
                Arguments.of(SLOTS + "from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00Z&duration=PT0S", "duration"),
                Arguments.of(SLOTS + "from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00Z&duration=-PT30M", "duration"),
                Arguments.of(SLOTS + "from=2027-03-01T00:00:00Z&to=2027-03-01T01:00:00Z&duration=PT2H", "duration"),
                Arguments.of(SLOTS + "from=2027-03-01T00:00:00Z&to=2027-03-08T00:00:00Z&duration=thirty", "duration"),
                Arguments.of(SLOTS + OK + "&step=PT0S", "step"),
                Arguments.of(SLOTS + OK + "&step=PT4M", "step"),
                Arguments.of(SLOTS + OK + "&timeZone=Mars/Olympus", "timeZone"),
                Arguments.of(SLOTS + OK + "&timeZone=%2B02:00", "timeZone"),
                Arguments.of(SLOTS + "from=tomorrow&to=2027-03-08T00:00:00Z&duration=PT30M", "from"),
                Arguments.of(SLOTS + "from=2027-03-01T00:00:00&to=2027-03-08T00:00:00Z&duration=PT30M", "from"),
                Arguments.of(SLOTS + OK + "&bufferBefore=-PT5M", "bufferBefore"),
                Arguments.of(SLOTS + OK + "&bufferAfter=-PT5M", "bufferAfter"),
                Arguments.of(SLOTS + OK + "&minNotice=-PT1H", "minNotice"),
                Arguments.of(SLOTS + OK + "&maxResults=1001", "maxResults"),
                Arguments.of(SLOTS + OK + "&maxResults=0", "maxResults"),
                Arguments.of(SLOTS + OK + "&maxPerDay=0", "maxPerDay"),
                Arguments.of(SLOTS + OK + "&format=grid", "format"),
                Arguments.of("/v1/tenants/acme/users/bad-input/blocked-slots?from=2027-03-08T00:00:00Z&to=2027-03-01T00:00:00Z", "to"));
    }

    @ParameterizedTest
    @MethodSource("badQueries")
    void aBadQueryIsA400NamingTheField(String path, String field) {
        JsonHttp.Response response = api().get(path);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        assertThat(response.json().get("detail").asString()).as(response.toString()).contains("'" + field + "'");
    }

    static Stream<Arguments> badTeams() {
        List<String> many = IntStream.range(0, 51).mapToObj(i -> "user-" + i).toList();
        Map<String, Object> base = Map.of("from", "2027-03-01T00:00:00Z", "to", "2027-03-02T00:00:00Z", "duration", "PT30M");
        return Stream.of(
                Arguments.of(with(base, "users", many, "mode", "all"), "users"),
                Arguments.of(with(base, "users", List.of(), "mode", "all"), "users"),
                Arguments.of(with(base, "users", List.of("a", "a"), "mode", "all"), "users[1]"),
                Arguments.of(with(base, "users", List.of("a", "b"), "mode", "atLeast", "count", 3), "count"),
                Arguments.of(with(base, "users", List.of("a", "b"), "mode", "atLeast"), "count"),
                Arguments.of(with(base, "users", List.of("a", "b"), "mode", "most"), "mode"),
                Arguments.of(with(base, "users", List.of("a"), "mode", "all", "maxResults", 5000), "maxResults"),
                Arguments.of(with(Map.of("from", "2027-03-01T00:00:00Z", "to", "2027-03-01T00:00:00Z", "duration", "PT30M"),
                        "users", List.of("a"), "mode", "all"), "to"));
    }

    @ParameterizedTest
    @MethodSource("badTeams")
    void aBadTeamQuestionIsA400NamingTheField(Map<String, Object> question, String field) {
        JsonHttp.Response response = api().post("/v1/tenants/acme/free-slots", question);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo(field);
    }

    static Stream<Arguments> badSchedules() {
        return Stream.of(
                Arguments.of(Map.of("timeZone", "Europe/Nowhere"), "timeZone"),
                Arguments.of(Map.of("timeZone", "UTC", "weekly", Map.of("monday", List.of(hours("09:00", "12:00"), hours("11:00", "14:00")))), "weekly.monday[1]"),
                Arguments.of(Map.of("timeZone", "UTC", "weekly", Map.of("monday", List.of(hours("17:00", "09:00")))), "weekly.monday[0].end"),
                Arguments.of(Map.of("timeZone", "UTC", "weekly", Map.of("monday", List.of(hours("9am", "17:00")))), "weekly.monday[0].start"),
                Arguments.of(Map.of("timeZone", "UTC", "overrides", List.of(Map.of("date", "2027-02-30", "hours", List.of()))), "overrides[0].date"),
                Arguments.of(Map.of("timeZone", "UTC", "overrides", List.of(Map.of("date", "2027-02-03", "hours", List.of(hours("10:00", "10:00"))))), "overrides[0].hours[0].end"));
    }

    @ParameterizedTest
    @MethodSource("badSchedules")
    void aBadScheduleIsA400NamingTheField_andTheStoredOneStays(Map<String, Object> schedule, String field) {
        String path = "/v1/tenants/acme/users/schedule-keeper/schedule";
        JsonNode stored = api().put(path, Map.of("timeZone", "UTC", "weekly", Map.of("friday", List.of(hours("09:00", "17:00"))))).json();

        JsonHttp.Response response = api().put(path, schedule);

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("field").asString()).isEqualTo(field);
        assertThat(api().get(path).json()).isEqualTo(stored);
    }

    @Test
    void anUnknownWeekdayIsA400NamingWeekly() {
        JsonHttp.Response response = api().put("/v1/tenants/acme/users/schedule-keeper/schedule",
                Map.of("timeZone", "UTC", "weekly", Map.of("funday", List.of(hours("09:00", "17:00")))));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).contains("'weekly'");
    }

    @Test
    void badConflictQuestionsAre400sNamingTheField() {
        String path = "/v1/tenants/acme/users/bad-input/conflicts";
        assertThat(api().post(path, Map.of("start", "2027-03-01T10:00:00Z", "end", "2027-03-01T09:00:00Z")).json()
                .get("field").asString()).isEqualTo("end");
        assertThat(api().post(path, Map.of("start", "10 am", "end", "2027-03-01T09:00:00Z")).json()
                .get("field").asString()).isEqualTo("start");
        assertThat(api().post(path, Map.of("start", "2027-03-01T09:00:00Z", "end", "2027-03-01T10:00:00Z",
                "bufferAfter", "-PT1M")).json().get("field").asString()).isEqualTo("bufferAfter");
    }

    private static Map<String, String> hours(String start, String end) {
        return Map.of("start", start, "end", end);
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
        Map<String, Object> map = new java.util.LinkedHashMap<>(base);
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return map;
    }

}
