package io.calsync.standalone.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NullNode;

/** calsync's HTTP APIs as the tool calls them: JSON in and out, a problem detail turned into one line. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String token;

    Api(String token) {
        this.token = token;
    }

    JsonNode get(URI base, String path) {
        return send(base, path, "GET", null);
    }

    JsonNode send(URI base, String path, String method, Object body) {
        URI uri = base.resolve(path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(90))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException refused) {
            throw new CliException("nothing answers at " + base + ": is calsync running (./run.sh)?");
        } catch (IOException e) {
            throw new CliException(method + " " + uri + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        JsonNode json = parse(response.body());
        if (response.statusCode() >= 400) {
            throw new CliException(describe(response.statusCode(), json));
        }
        return json;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return NullNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException notJson) {
            return NullNode.getInstance();
        }
    }

    /** A problem detail as one line: status, then what calsync said (its detail, else its title). */
    private static String describe(int status, JsonNode problem) {
        String detail = problem.path("detail").asString("");
        String title = problem.path("title").asString("");
        String said = !detail.isBlank() ? detail : !title.isBlank() ? title
                : status == 401 ? "the token was refused: is --home (CALSYNC_HOME) the running calsync's home?" : "";
        return status + (said.isBlank() ? "" : ": " + said);
    }
}
