package io.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The hostile server itself: normal discovery when nothing is switched on, each behaviour when it is. */
class HostileCalDavServerTests {

    private static final HostileCalDavServer SERVER = HostileCalDavServer.start();
    private static final String BASIC = "Basic " + java.util.Base64.getEncoder()
            .encodeToString("jane@icloud.test:abcd-efgh-ijkl-mnop".getBytes(StandardCharsets.UTF_8));
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @AfterAll
    static void stop() {
        SERVER.close();
    }

    private HttpResponse<String> propfind(String path, String depth, boolean withCredentials) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(SERVER.rootUrl()).resolve(path))
                .timeout(Duration.ofSeconds(10)).header("Depth", depth)
                .method("PROPFIND", HttpRequest.BodyPublishers.ofString("<propfind xmlns=\"DAV:\"/>"));
        if (withCredentials) {
            request.header("Authorization", BASIC);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutBehavioursItAnswersDiscoveryAndRecordsWhoAsked() throws Exception {
        SERVER.reset();

        assertThat(propfind("/", "0", true).body()).contains("<current-user-principal><href>/principal/</href>");
        assertThat(propfind("/principal/", "0", true).body()).contains("<C:calendar-home-set><href>/home/</href>");
        assertThat(propfind("/home/", "1", false).body()).contains("<href>/home/work/</href>").contains("<C:calendar/>");

        assertThat(SERVER.requests()).extracting(HostileCalDavServer.Request::authorization).containsExactly(true, true, false);
        assertThat(SERVER.requestsOf("jane@icloud.test")).hasSize(2);
    }

    @Test
    void aRedirectAnswersTheStatusAndLocationAsked() throws Exception {
        SERVER.reset();
        SERVER.forAppleId("jane@icloud.test").redirect(308, "http://127.0.0.1:9/");

        HttpResponse<String> response = propfind("/", "0", true);

        assertThat(response.statusCode()).isEqualTo(308);
        assertThat(response.headers().firstValue("Location")).hasValue("http://127.0.0.1:9/");
    }

    @Test
    void aHugeAnswerIsStreamedInFullWithItsAnnouncedLength() throws Exception {
        SERVER.reset();
        SERVER.everyone().hugeAnswer(50L * 1024 * 1024, true);

        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(URI.create(SERVER.rootUrl()))
                .method("PROPFIND", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofInputStream());

        assertThat(response.headers().firstValueAsLong("Content-Length")).hasValue(50L * 1024 * 1024);
        try (InputStream body = response.body()) {
            assertThat(body.transferTo(java.io.OutputStream.nullOutputStream())).isEqualTo(50L * 1024 * 1024);
        }
    }

    @Test
    void aHomeListsAsManyCalendarsAsAsked() throws IOException, Exception {
        SERVER.reset();
        SERVER.everyone().calendars(20_000);

        String home = propfind("/home/", "1", true).body();

        assertThat(home.split("<C:calendar/>", -1)).hasSize(20_001);
        assertThat(home).endsWith("</multistatus>");
    }
}
