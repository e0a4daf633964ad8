package io.calsync.contracts.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.calsync.contracts.EventType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every event type has a schema and a golden sample; the sample validates, decodes and round-trips exactly. */
class GoldenSamplesTests {

    private static final ObjectMapper JACKSON2 = new ObjectMapper();

    static JsonSchema schemaOf(EventType type) {
        SchemaValidatorsConfig config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(GoldenSample.resource("calsync/schemas/" + type.fileStem() + ".schema.json"), config);
    }

    static Set<ValidationMessage> validate(EventType type, String json) throws Exception {
        return schemaOf(type).validate(JACKSON2.readTree(json));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleValidatesAgainstItsSchema(EventType type) throws Exception {
        GoldenSample sample = GoldenSample.of(type);

        assertThat(validate(type, sample.value().toString())).isEmpty();
        assertThat(sample.headers()).containsEntry("ce_type", type.ceType());
        assertThat(sample.topic()).isEqualTo(type.topic());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void sampleDecodesAndEncodesBackToTheSameRecord(EventType type) throws Exception {
        GoldenSample sample = GoldenSample.of(type);
        EventCodec codec = new EventCodec(URI.create(sample.headers().get("ce_source")));

        ReceivedEvent received = codec.decode(sample.kafkaHeaders(), sample.valueBytes());
        ProducerRecord<String, byte[]> encoded = codec.encode(received.data(), received.id(), received.time());

        assertThat(received.data()).isInstanceOf(type.recordType());
        assertThat(received.data().key()).isEqualTo(sample.key());
        assertThat(encoded.topic()).isEqualTo(sample.topic());
        assertThat(encoded.key()).isEqualTo(sample.key());
        assertThat(GoldenSample.JSON.readTree(encoded.value())).isEqualTo(sample.value());
        Map<String, String> headers = new LinkedHashMap<>();
        encoded.headers().forEach(h -> headers.put(h.key(), new String(h.value(), StandardCharsets.UTF_8)));
        assertThat(headers).isEqualTo(sample.headers());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void whatTheCodecWritesValidatesAgainstTheSchema(EventType type) throws Exception {
        GoldenSample sample = GoldenSample.of(type);
        EventCodec codec = new EventCodec(URI.create("/test"));
        ReceivedEvent received = codec.decode(sample.kafkaHeaders(), sample.valueBytes());

        byte[] written = codec.encode(received.data(), "id-1", Instant.parse("2026-01-01T00:00:00Z")).value();

        assertThat(validate(type, new String(written, StandardCharsets.UTF_8))).isEmpty();
    }
}
