package io.calsync.contracts.wire;

import io.calsync.contracts.EventType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** One golden sample message from {@code calsync/samples}: topic, key, CloudEvents headers and value. */
record GoldenSample(EventType type, String topic, String key, Map<String, String> headers, JsonNode value) {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static GoldenSample of(EventType type) {
        return read(type, "calsync/samples/" + type.fileStem() + ".json");
    }

    /** A further sample of {@code type}, {@code <fileStem>.<variant>.json}, showing optional fields. */
    static GoldenSample of(EventType type, String variant) {
        return read(type, "calsync/samples/" + type.fileStem() + "." + variant + ".json");
    }

    private static GoldenSample read(EventType type, String path) {
        JsonNode sample = JSON.readTree(resource(path));
        Map<String, String> headers = new LinkedHashMap<>();
        sample.get("headers").properties().forEach(e -> headers.put(e.getKey(), e.getValue().asString()));
        return new GoldenSample(type, sample.get("topic").asString(), sample.get("key").asString(), headers,
                sample.get("value"));
    }

    static String resource(String path) {
        try (InputStream in = GoldenSample.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Headers kafkaHeaders() {
        RecordHeaders kafka = new RecordHeaders();
        headers.forEach((k, v) -> kafka.add(k, v.getBytes(StandardCharsets.UTF_8)));
        return kafka;
    }

    byte[] valueBytes() {
        return JSON.writeValueAsBytes(value);
    }
}
