package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.HostileCalDavServer;
import io.calsync.testsupport.JsonHttp;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/**
 * Connecting through a CalDAV server that attacks calsync (issue 8): iCloud's root (the proxy) names the hostile
 * server as the account's principal, so discovery continues there, with the account's credentials, as it would with
 * a compromised or impersonated Apple host. Each attack ends in a clear error, nothing is saved, and other accounts
 * keep working.
 */
class HostileCalDavServerIntegrationTests extends WorkerIntegrationTest {

    /** Redirect targets that are not allow-listed: another port of the same host, and another host. */
    private static final HostileCalDavServer OTHER_PORT = HostileCalDavServer.start();
    private static final HostileCalDavServer OTHER_HOST = HostileCalDavServer.start("127.0.0.2");
    private static final String PASSWORD = "abcd-efgh-ijkl-mnop";

    private final String userId = "u-" + UUID.randomUUID();
    private final String appleId = "hostile-" + UUID.randomUUID() + "@icloud.test";

    @Autowired
    CircuitBreakerRegistry breakers;

    @AfterEach
    void calmDown() {
        HOSTILE.reset();
        OTHER_PORT.reset();
        OTHER_HOST.reset();
        // these tests make Apple look broken on purpose: later tests must not meet an open circuit
        breakers.getAllCircuitBreakers().forEach(breaker -> breaker.reset());
    }

    @AfterAll
    static void stopTargets() {
        OTHER_PORT.close();
        OTHER_HOST.close();
    }

    private String accounts() {
        return usersPath("acme", userId) + "/icloud-accounts";
    }

    /** Connects {@code appleId}, whose principal iCloud's root places on the hostile server. */
    private JsonHttp.Response connectThroughHostile(String appleId) {
        return connectThroughHostile(userId, appleId);
    }

    private JsonHttp.Response connectThroughHostile(String platformUser, String appleId) {
        ICLOUD.forAppleId(appleId).answerNextPropfindWith("""
                <?xml version="1.0" encoding="utf-8"?>
                <multistatus xmlns="DAV:"><response><href>/</href><propstat><prop><current-user-principal>
                <href>%s</href></current-user-principal></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>
                """.formatted(HOSTILE.rootUrl()));
        return api().post(usersPath("acme", platformUser) + "/icloud-accounts",
                Map.of("appleId", appleId, "appSpecificPassword", PASSWORD));
    }

    private void assertNothingSaved() {
        assertThat(api().get(accounts()).json()).isEmpty();
    }

    private static void assertProblem(JsonHttp.Response response, int status, String detail) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).contains("problem+json"));
        assertThat(response.json().get("detail").asString()).contains(detail);
        assertThat(response.body()).doesNotContain(PASSWORD).doesNotContain("Basic ");
    }

    @Test
    void withoutAttacksAConnectThroughTheHostileServerSucceeds() {
        JsonHttp.Response response = connectThroughHostile(appleId);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.json().get("calendars")).extracting(c -> c.get("calendarId").asString()).containsExactly("work");
        assertThat(HOSTILE.requestsOf(appleId)).extracting(HostileCalDavServer.Request::path).containsExactly("/", "/home/");
    }

    @ParameterizedTest(name = "{0} to {1}")
    @CsvSource({
        "301, other-port", "302, other-port", "303, other-port", "307, other-port", "308, other-port",
        "301, other-host", "302, other-host", "303, other-host", "307, other-host", "308, other-host",
        "303, same-origin", "307, same-origin", "308, relative", "303, https-other-host"})
    void aRedirectIsRefusedAndNoRequestLeavesForItsTarget(int status, String target) {
        String location = switch (target) {
            case "other-port" -> OTHER_PORT.rootUrl();
            case "other-host" -> OTHER_HOST.rootUrl();
            case "same-origin" -> HOSTILE.rootUrl() + "principal/";
            case "relative" -> "/principal/";
            default -> "https://" + OTHER_HOST.hostPort() + "/";
        };
        HOSTILE.forAppleId(appleId).redirect(status, location);

        JsonHttp.Response response = connectThroughHostile(appleId);

        assertProblem(response, 502, "answered " + status + " redirecting to ");
        assertThat(response.json().get("detail").asString()).contains("calsync does not follow redirects");
        assertThat(response.json().get("type").asString()).endsWith("icloud-redirect");
        assertNothingSaved();
        assertThat(OTHER_PORT.requests()).isEmpty();
        assertThat(OTHER_HOST.requests()).isEmpty();
        assertThat(HOSTILE.requests()).extracting(HostileCalDavServer.Request::method).containsOnly("PROPFIND");
        assertThat(HOSTILE.requests()).extracting(HostileCalDavServer.Request::path).containsOnly("/");
    }

    @Test
    void aCalendarHomeOnAPlainHttpHostThatIsNotAllowListedIsRefusedBeforeAnythingIsSent() {
        HOSTILE.forAppleId(appleId).homeSetAt(OTHER_PORT.rootUrl() + "home/");

        JsonHttp.Response response = connectThroughHostile(appleId);

        assertProblem(response, 502, "refusing to send credentials to http://" + OTHER_PORT.hostPort());
        assertNothingSaved();
        assertThat(OTHER_PORT.requests()).isEmpty();
    }

    @Test
    void aTricklingAnswerIsCutOffAtTheDeadlineAnd503WithRetryAfter() {
        HOSTILE.forAppleId(appleId).trickle(Duration.ofMillis(500)); // a few hundred bytes: minutes without a deadline
        long began = System.nanoTime();

        JsonHttp.Response response = connectThroughHostile(appleId);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(15)); // deadline 4 s
        assertProblem(response, 503, "did not answer in time");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertNothingSaved();
    }

    @Test
    void aStallAfterTheHeadersIsATimeoutAnd503WithRetryAfter() {
        HOSTILE.forAppleId(appleId).stallAfterHeaders();

        JsonHttp.Response response = connectThroughHostile(appleId);

        assertProblem(response, 503, "did not answer in time");
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
        assertThat(response.json().get("type").asString()).endsWith("icloud-unavailable");
        assertNothingSaved();
    }

    @ParameterizedTest(name = "{0} MB, Content-Length sent: {1}")
    @CsvSource({"50, true", "50, false", "200, true", "200, false"})
    void aHugeAnswerIsRefusedWithoutRunningOutOfMemoryAndTheWorkerCarriesOn(int megabytes, boolean announced) {
        HOSTILE.forAppleId(appleId).hugeAnswer(megabytes * 1024L * 1024L, announced);

        JsonHttp.Response response = connectThroughHostile(appleId);

        assertProblem(response, 502, "calsync.caldav.max-response-size");
        assertThat(response.json().get("type").asString()).endsWith("icloud-answer-too-large");
        assertNothingSaved();
        CalDavUser healthy = RADICALE.newUser();
        RADICALE.phoneOf(healthy).createCalendar("work", "Work", "VEVENT");
        assertThat(connect("acme", "u-" + UUID.randomUUID(), healthy).get("calendars")).hasSize(1);
    }

    @Test
    void aDisplayNameOf50MegabytesIsRefusedWithTheAnswer() {
        HOSTILE.forAppleId(appleId).displayNameOfLength(50L * 1024 * 1024);

        JsonHttp.Response response = connectThroughHostile(appleId);

        assertProblem(response, 502, "calsync.caldav.max-response-size");
        assertNothingSaved();
    }

    @Test
    void aLongDisplayNameIsCutAndAColourThatIsNoColourAndAnOverlongCtagAreDropped() {
        HOSTILE.forAppleId(appleId).displayNameOfLength(100_000).oddCalendar("javascript:alert(1)", "c".repeat(5000));

        JsonHttp.Response response = connectThroughHostile(appleId);

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        JsonNode calendar = response.json().get("calendars").get(0);
        assertThat(calendar.get("displayName").asString()).hasSize(256);
        assertThat(calendar.has("color")).isFalse();
        assertThat(api().get(accounts()).body().length()).isLessThan(5_000);
    }

    @Test
    void twentyThousandCalendarsAreRefusedAndNothingIsSaved() {
        HOSTILE.forAppleId(appleId).calendars(20_000);

        JsonHttp.Response response = connectThroughHostile(appleId);

        assertProblem(response, 502, "calsync.caldav.max-calendars");
        assertNothingSaved();
    }

    @Test
    void xmlNested100000DeepFailsFast() {
        HOSTILE.forAppleId(appleId).deepNesting(100_000);
        long began = System.nanoTime();

        JsonHttp.Response response = connectThroughHostile(appleId);

        assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(Duration.ofSeconds(10)); // 17 s before
        assertProblem(response, 502, "maxElementDepth");
        assertNothingSaved();
    }

    @Test
    void whileSixteenTricklingConnectsFillTheBulkheadAnotherAccountStillConnectsSoon() throws Exception {
        HOSTILE.everyone().trickle(Duration.ofSeconds(1)); // a few minutes per answer without a deadline
        ExecutorService callers = Executors.newFixedThreadPool(20);
        try {
            // each from its own user and Apple ID: connect attempts are limited per user and per Apple ID
            List<CompletableFuture<JsonHttp.Response>> hostile = IntStream.range(0, 20)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() -> connectThroughHostile("u-" + UUID.randomUUID(),
                            "hostile-" + i + "-" + UUID.randomUUID() + "@icloud.test"), callers))
                    .toList();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> HOSTILE.inProgress() >= 16);

            // the tricklers end at their deadline (4 s); the circuit opened by their timeouts lets probes through
            // after 30 s: before the deadline existed the bulkhead stayed full for minutes. Every try is another
            // account of another user (a refused try counts toward the per-user and per-Apple-ID limits).
            Awaitility.await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        CalDavUser other = RADICALE.newUser();
                        RADICALE.phoneOf(other).createCalendar("work", "Work", "VEVENT");
                        return api().post(usersPath("acme", "u-" + UUID.randomUUID()) + "/icloud-accounts",
                                Map.of("appleId", other.username(), "appSpecificPassword", other.password()))
                                .status() == 201;
                    });
            for (CompletableFuture<JsonHttp.Response> call : hostile) {
                assertThat(call.get().status()).isEqualTo(503);
            }
        } finally {
            callers.shutdownNow();
        }
    }
}
