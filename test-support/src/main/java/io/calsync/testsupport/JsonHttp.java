package io.calsync.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calls a calsync REST API the way a booking service would: plain HTTP, JSON in and out. */
public final class JsonHttp {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public JsonHttp(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** A client that sends {@code name: value} with every request (e.g. an Authorization header). */
    public JsonHttp with(String name, String value) {
        JsonHttp copy = new JsonHttp(baseUrl);
        copy.headers.putAll(headers);
        copy.headers.put(name, value);
        return copy;
    }

    /** A response: status, headers and the body, parsed when it is JSON. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {
        public JsonNode json() {
            return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
        }

        @Override
        public String toString() {
            return status + " " + body;
        }
    }

    public Response get(String path) {
        return send("GET", path, null);
    }

    public Response delete(String path) {
        return send("DELETE", path, null);
    }

    public Response post(String path, Object body) {
        return send("POST", path, body);
    }

    /**
     * POSTs again while the answer is 503, as the API asks a caller to ("try again later"): a connect whose call to
     * iCloud timed out on a machine busy with other tests is such an answer. At most a minute, a second apart.
     */
    public Response postUntilAvailable(String path, Object body) {
        java.util.concurrent.atomic.AtomicReference<Response> last = new java.util.concurrent.atomic.AtomicReference<>();
        Awaitility.await("POST " + path + " answered other than 503").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofSeconds(1)).pollDelay(Duration.ZERO)
                .until(() -> {
                    last.set(post(path, body));
                    return last.get().status() != 503;
                });
        return last.get();
    }

    public Response put(String path, Object body) {
        return send("PUT", path, body);
    }

    /** {@code body} is sent as is when it is a String, else serialized as JSON. */
    public Response send(String method, String path, Object body) {
        String text = body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(60))
                .method(method, text == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8));
        if (text != null) {
            request.header("Content-Type", "application/json");
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
