package io.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Walks every operation of a service's OpenAPI document with hostile input (NUL, control characters, bidi
 * overrides, out-of-range instants, huge numbers, malformed JSON, nulls in lists, wrong types, unknown methods,
 * unsupported media types) and checks every answer: a 4xx RFC 9457 problem that names no Java class and repeats
 * nothing of the input. Each hostile value carries {@link #MARK} so an echo is found wherever it lands.
 */
public final class HostileApiWalk {

    static final String MARK = "zq9hostile";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final List<String> INTERNALS = List.of("io.calsync", "java.", "javax.", "jakarta.",
            "org.springframework", "org.apache", "tools.jackson", "com.fasterxml", "Exception", "\tat ", "$");

    /** Values that no path or query parameter may take; some lack the mark, and are checked for themselves. */
    static final List<String> HOSTILE_VALUES = List.of(MARK + "\u0000nul", MARK + "\u001b[31mred", MARK + "\r\nX-Forged: 1",
            MARK + "\u202eevil", MARK + "\u0085nel", "+300000-01-01T00:00:00Z", "-300000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "99999999999999999999999999999999", "-1e99999", MARK + "x".repeat(3000),
            MARK + "'\"<script>", MARK + "/../..", MARK + "%00");

    public record Probe(String what, String method, String path, Map<String, String> headers, byte[] body, List<String> echoes) {
        /** Values without the mark (a huge number as a user id, say) may be valid; the rest must be refused. */
        boolean mustBeRefused() {
            return !what.startsWith("path variable") && !what.startsWith("query parameter") || echoes.contains(MARK);
        }
    }

    public record Outcome(Probe probe, int status, String contentType, String body) {
        @Override
        public String toString() {
            return probe.what + " " + probe.method + " " + probe.path + " -> " + status + " " + contentType + " " + body;
        }
    }

    private final String baseUrl;
    private final String token;
    private final JsonNode document;
    private final Map<String, String> validValues;

    /** {@code validValues}: a value that passes, by parameter name, so one hostile input is tried at a time. */
    public HostileApiWalk(String baseUrl, String token, JsonNode document, Map<String, String> validValues) {
        this.baseUrl = baseUrl;
        this.token = token;
        this.document = document;
        this.validValues = validValues;
    }

    /** Every operation in the document, as "METHOD path". */
    public List<String> operations() {
        List<String> operations = new ArrayList<>();
        document.get("paths").properties().forEach(path -> path.getValue().properties()
                .forEach(op -> operations.add(op.getKey().toUpperCase() + " " + path.getKey())));
        return operations;
    }

    public List<Probe> probes() {
        List<Probe> probes = new ArrayList<>();
        document.get("paths").properties().forEach(entry -> {
            String template = entry.getKey();
            entry.getValue().properties().forEach(op -> probes.addAll(probes(op.getKey().toUpperCase(), template, op.getValue())));
        });
        return probes;
    }

    private List<Probe> probes(String method, String template, JsonNode operation) {
        List<Probe> probes = new ArrayList<>();
        List<String> pathParameters = new ArrayList<>();
        List<String> queryParameters = new ArrayList<>();
        List<String> requiredQueryParameters = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String name = parameter.get("name").asString();
            (parameter.get("in").asString().equals("path") ? pathParameters : queryParameters).add(name);
            if (parameter.get("in").asString().equals("query") && parameter.path("required").asBoolean(false)) {
                requiredQueryParameters.add(name);
            }
        }
        JsonNode bodySchema = operation.path("requestBody").path("content").path("application/json").path("schema");
        byte[] validBody = bodySchema.isMissingNode() ? null : bytes(skeleton(bodySchema));
        Function<Map<String, String>, String> path = overrides -> path(template, pathParameters, queryParameters, overrides);

        for (String name : pathParameters) {
            for (String value : HOSTILE_VALUES) {
                probes.add(new Probe("path variable " + name, method, path.apply(Map.of(name, value)), json(), validBody, echoes(value)));
            }
        }
        for (String name : queryParameters) {
            for (String value : HOSTILE_VALUES) {
                probes.add(new Probe("query parameter " + name, method, path.apply(Map.of(name, value)), json(), validBody, echoes(value)));
            }
        }
        for (String name : requiredQueryParameters) {
            probes.add(new Probe("missing query parameter " + name, method, path.apply(Map.of(name, "")), json(), validBody, List.of()));
        }
        String valid = path.apply(Map.of());
        if (validBody != null) {
            JsonNode skeleton = skeleton(bodySchema);
            for (Map.Entry<String, JsonNode> variant : bodyVariants(skeleton).entrySet()) {
                probes.add(new Probe("body " + variant.getKey(), method, valid, json(), bytes(variant.getValue()), List.of(MARK)));
            }
            for (Map.Entry<String, String> raw : rawBodies().entrySet()) {
                probes.add(new Probe("body " + raw.getKey(), method, valid, json(),
                        raw.getValue().getBytes(StandardCharsets.UTF_8), List.of(MARK)));
            }
            probes.add(new Probe("body of invalid UTF-8", method, valid, json(), new byte[] {'{', '"', (byte) 0xC3, 0x28, '"', ':', '1', '}'}, List.of()));
            probes.add(new Probe("body as text/plain", method, valid, Map.of("Content-Type", "text/plain"), validBody, List.of()));
            probes.add(new Probe("body as XML", method, valid, Map.of("Content-Type", "application/xml"),
                    ("<a>" + MARK + "</a>").getBytes(StandardCharsets.UTF_8), List.of(MARK)));
        }
        if (method.equals("GET")) {
            probes.add(new Probe("only HTML accepted", method, valid, Map.of("Accept", "text/html"), null, List.of()));
        }
        for (String unknown : List.of("FOO", "PATCH", "TRACE", "PROPFIND", "MKCALENDAR")) {
            probes.add(new Probe("method " + unknown, unknown, valid, Map.of(), null, List.of()));
        }
        return probes;
    }

    private String path(String template, List<String> pathParameters, List<String> queryParameters, Map<String, String> overrides) {
        String path = template;
        for (String name : pathParameters) {
            path = path.replace("{" + name + "}", encode(overrides.getOrDefault(name, valid(name))));
        }
        StringBuilder query = new StringBuilder();
        for (String name : queryParameters) {
            String value = overrides.getOrDefault(name, valid(name));
            if (!value.isEmpty()) {
                query.append(query.isEmpty() ? "?" : "&").append(name).append('=').append(encode(value));
            }
        }
        return path + query;
    }

    private String valid(String name) {
        return validValues.getOrDefault(name, "x");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static List<String> echoes(String value) {
        return value.contains(MARK) ? List.of(MARK) : List.of(value);
    }

    private static Map<String, String> json() {
        return Map.of("Content-Type", "application/json");
    }

    /** A body of the documented shape: strings "x" (UUIDs where the format says so), one element per list. */
    private JsonNode skeleton(JsonNode schema) {
        JsonNode resolved = resolve(schema);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String type = resolved.path("type").asString("object");
        switch (type) {
            case "array":
                return nodes.arrayNode().add(skeleton(resolved.get("items")));
            case "string":
                return nodes.stringNode("uuid".equals(resolved.path("format").asString("")) ? UUID.randomUUID().toString() : "x");
            case "boolean":
                return nodes.booleanNode(true);
            case "integer":
            case "number":
                return nodes.numberNode(1);
            default:
                ObjectNode object = nodes.objectNode();
                resolved.path("properties").properties().forEach(p -> object.set(p.getKey(), skeleton(p.getValue())));
                return object;
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        if (ref == null) {
            return schema;
        }
        String name = ref.asString().substring(ref.asString().lastIndexOf('/') + 1);
        return document.get("components").get("schemas").get(name);
    }

    /** One hostile change at a time, at every place of the body: NUL, control characters, nulls in lists, wrong types. */
    private static Map<String, JsonNode> bodyVariants(JsonNode skeleton) {
        Map<String, JsonNode> variants = new LinkedHashMap<>();
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        forEachPlace(skeleton, (place, replace) -> {
            variants.put("NUL in " + place, replace.apply(nodes.stringNode(MARK + "\u0000")));
            variants.put("escape sequence in " + place, replace.apply(nodes.stringNode(MARK + "\u001b[2J")));
            variants.put("object for " + place, replace.apply(nodes.objectNode().put(MARK, 1)));
            variants.put("list for " + place, replace.apply(nodes.arrayNode().add(MARK)));
            variants.put("huge number for " + place, replace.apply(nodes.numberNode(new java.math.BigInteger("9".repeat(400)))));
            variants.put("boolean for " + place, replace.apply(nodes.booleanNode(false)));
        });
        forEachList(skeleton, (place, replace) -> {
            variants.put("null element in " + place, replace.apply(nodes.arrayNode().addNull()));
            variants.put("null after an element in " + place, replace.apply(nodes.arrayNode().add(nodes.stringNode("x")).addNull()));
        });
        variants.put("unknown field " + MARK, ((ObjectNode) skeleton.deepCopy()).put(MARK, MARK));
        return variants;
    }

    interface Place {
        void at(String place, Function<JsonNode, JsonNode> replace);
    }

    /** Every value in the tree, with a function giving a copy of the whole tree where that value is replaced. */
    private static void forEachPlace(JsonNode root, Place visitor) {
        walk(root, root, new ArrayList<>(), visitor, false);
    }

    private static void forEachList(JsonNode root, Place visitor) {
        walk(root, root, new ArrayList<>(), visitor, true);
    }

    private static void walk(JsonNode root, JsonNode node, List<Object> path, Place visitor, boolean listsOnly) {
        if (!path.isEmpty() && (!listsOnly || node.isArray())) {
            List<Object> at = List.copyOf(path);
            visitor.at(describe(at), value -> replaced(root, at, value));
        }
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.properties().iterator(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                path.add(field.getKey());
                walk(root, field.getValue(), path, visitor, listsOnly);
                path.remove(path.size() - 1);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                path.add(i);
                walk(root, node.get(i), path, visitor, listsOnly);
                path.remove(path.size() - 1);
            }
        }
    }

    private static String describe(List<Object> path) {
        StringBuilder text = new StringBuilder();
        path.forEach(p -> text.append(p instanceof Integer i ? "[" + i + "]" : (text.isEmpty() ? "" : ".") + p));
        return text.toString();
    }

    private static JsonNode replaced(JsonNode root, List<Object> path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        JsonNode parent = copy;
        for (int i = 0; i < path.size() - 1; i++) {
            parent = path.get(i) instanceof Integer index ? parent.get(index) : parent.get((String) path.get(i));
        }
        Object last = path.get(path.size() - 1);
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }

    private static Map<String, String> rawBodies() {
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("cut off", "{\"" + MARK + "\": ");
        bodies.put("not JSON", MARK + " = 1");
        bodies.put("with a bad token", "{\"a\": " + MARK + "}");
        bodies.put("empty", "");
        bodies.put("a list", "[\"" + MARK + "\"]");
        bodies.put("a string", "\"" + MARK + "\"");
        bodies.put("null", "null");
        bodies.put("a 5000-digit number", "{\"a\": " + "9".repeat(5000) + "}");
        bodies.put("nested 5000 deep", "[".repeat(5000) + "]".repeat(5000));
        bodies.put("raw NUL", "{\"a\": \"" + MARK + "\u0000\"}");
        bodies.put("raw escape", "{\"a\": \"" + MARK + "\u001b\"}");
        bodies.put("comment", "/* " + MARK + " */ {}");
        return bodies;
    }

    private static byte[] bytes(JsonNode node) {
        return JSON.writeValueAsBytes(node);
    }

    public Outcome send(Probe probe) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + probe.path())).timeout(Duration.ofSeconds(30))
                .method(probe.method(), probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(probe.body()))
                .header("Authorization", "Bearer " + token);
        probe.headers().forEach(request::header);
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Outcome(probe, response.statusCode(), response.headers().firstValue("Content-Type").orElse(""), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(probe.what() + " " + probe.path(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends bytes as they are, for what an HTTP client library refuses to send (a forged Host, raw control characters). */
    public static String raw(int port, String request) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return answer.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends every probe and answers those whose answer was not safe, each described; empty when all were. */
    public List<String> unsafeOutcomes() {
        List<String> failures = new ArrayList<>();
        for (Probe probe : probes()) {
            Outcome outcome = send(probe);
            try {
                assertSafe(outcome);
            } catch (AssertionError | RuntimeException e) {
                failures.add(outcome.toString());
            }
        }
        return failures;
    }


    /** What every answer to hostile input must be. */
    public static void assertSafe(Outcome outcome) {
        assertThat(outcome.status()).as(outcome.toString()).isLessThan(500);
        if (!outcome.probe().mustBeRefused() && outcome.status() < 400) {
            return;
        }
        assertThat(outcome.status()).as(outcome.toString()).isBetween(400, 499);
        assertThat(outcome.contentType()).as(outcome.toString()).startsWith("application/problem+json");
        JsonNode problem = JSON.readTree(outcome.body());
        assertThat(problem.get("type").asString()).as(outcome.toString()).startsWith("https://calsync.io/problems/");
        assertThat(problem.get("title").asString()).as(outcome.toString()).isNotBlank();
        assertThat(problem.get("status").asInt()).as(outcome.toString()).isEqualTo(outcome.status());
        assertThat(problem.get("detail").asString()).as(outcome.toString()).isNotBlank();
        outcome.probe().echoes().forEach(echo -> assertThat(outcome.body()).as(outcome.toString()).doesNotContain(echo));
        assertThat(outcome.body()).as(outcome.toString()).doesNotContain(INTERNALS)
                .doesNotContainPattern("[\\x00-\\x08\\x0b-\\x1f\\x7f\\u0085\\u202e]");
    }
}
