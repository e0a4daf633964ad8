package io.calsync.contracts.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.calsync.contracts.CalsyncEvent;
import io.calsync.contracts.ContractViolation;
import io.calsync.contracts.EventType;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.cloudevents.rw.CloudEventRWException;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Turns events into Kafka records and back: CloudEvents 1.0, Kafka protocol binding, binary content mode (the
 * attributes in {@code ce_*} headers, {@code content-type: application/json}, the event data as the value).
 *
 * <p>Reading is strict: unknown types, unknown or mistyped fields, missing required fields, times that are not
 * RFC 3339 and empty intervals are rejected with an {@link InvalidEventException} that names the field.
 */
public final class EventCodec {

    /** Larger values are rejected before parsing. Real events are a few hundred bytes. */
    public static final int MAX_VALUE_BYTES = 256 * 1024;
    public static final String CONTENT_TYPE = "application/json";

    private final JsonMapper json = strictMapper();
    private final URI source;
    private final Clock clock;

    /** @param source the CloudEvents {@code source} of the events this codec writes, e.g. {@code /calsync/sync-worker} */
    public EventCodec(URI source, Clock clock) {
        this.source = source;
        this.clock = clock;
    }

    public EventCodec(URI source) {
        this(source, Clock.systemUTC());
    }

    /**
     * A record for {@code event} on its topic under its key, at the current time, with the id {@link EventIds}
     * derives from what it reports, or a fresh one for kinds without.
     */
    public ProducerRecord<String, byte[]> encode(CalsyncEvent event) {
        return encode(event, EventIds.of(event).orElseGet(() -> UUID.randomUUID().toString()), clock.instant());
    }

    public ProducerRecord<String, byte[]> encode(CalsyncEvent event, String id, Instant time) {
        EventType type = event.type();
        CloudEvent cloudEvent = CloudEventBuilder.v1()
                .withId(id)
                .withSource(source)
                .withType(type.ceType())
                .withTime(time.atOffset(ZoneOffset.UTC))
                .withSubject(subject(event))
                .withDataContentType(CONTENT_TYPE)
                .withData(json.writeValueAsBytes(event))
                .build();
        return KafkaMessageFactory.createWriter(type.topic(), event.key()).writeBinary(cloudEvent);
    }

    /** The tombstone that lets a compacted topic forget {@code key}. */
    public static ProducerRecord<String, byte[]> tombstone(String topic, String key) {
        return new ProducerRecord<>(topic, key, null);
    }

    public static boolean isTombstone(ConsumerRecord<?, byte[]> record) {
        return record.value() == null;
    }

    public ReceivedEvent decode(ConsumerRecord<?, byte[]> record) {
        return decode(record.headers(), record.value());
    }

    public ReceivedEvent decode(Headers headers, byte[] value) {
        if (value == null || value.length == 0) {
            throw new InvalidEventException("value", "is empty");
        }
        if (value.length > MAX_VALUE_BYTES) {
            throw new InvalidEventException("value", "is " + value.length + " bytes, more than " + MAX_VALUE_BYTES);
        }
        CloudEvent cloudEvent = readEnvelope(headers, value);
        String contentType = cloudEvent.getDataContentType();
        if (contentType != null && !contentType.startsWith(CONTENT_TYPE)) {
            throw new InvalidEventException("content-type", "must be " + CONTENT_TYPE + ", was '" + contentType + "'");
        }
        EventType type = EventType.ofCeType(cloudEvent.getType()).orElseThrow(() ->
                new InvalidEventException("ce_type", "unknown event type '" + cloudEvent.getType() + "'"));
        CalsyncEvent data = readData(type, value);
        Instant time = cloudEvent.getTime() == null ? null : cloudEvent.getTime().toInstant();
        return new ReceivedEvent(cloudEvent.getId(), cloudEvent.getSource(), time, cloudEvent.getSubject(), data);
    }

    /** The data of {@code event} as JSON, exactly as it travels in a record value. */
    public byte[] dataBytes(CalsyncEvent event) {
        return json.writeValueAsBytes(event);
    }

    private static CloudEvent readEnvelope(Headers headers, byte[] value) {
        try {
            return KafkaMessageFactory.createReader(headers, value).toEvent();
        } catch (CloudEventRWException | IllegalStateException | IllegalArgumentException e) {
            throw new InvalidEventException("ce_* headers", "not a CloudEvents 1.0 binary-mode record: "
                    + e.getMessage() + " (headers present: " + headerNames(headers) + ")", e);
        }
    }

    private CalsyncEvent readData(EventType type, byte[] value) {
        try {
            return json.readValue(value, type.recordType());
        } catch (JacksonException e) {
            ContractViolation violation = violationIn(e);
            if (violation != null) {
                throw new InvalidEventException(violation.field(), violation.getMessage(), e);
            }
            throw new InvalidEventException(fieldOf(e), e.getOriginalMessage(), e);
        }
    }

    private static ContractViolation violationIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ContractViolation violation) {
                return violation;
            }
        }
        return null;
    }

    private static String fieldOf(JacksonException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return unknown.getPropertyName();
        }
        if (e instanceof DatabindException databind && !databind.getPath().isEmpty()) {
            return databind.getPath().stream()
                    .map(ref -> ref.getPropertyName() != null ? ref.getPropertyName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        return "value";
    }

    private static String headerNames(Headers headers) {
        StringBuilder names = new StringBuilder();
        headers.forEach(h -> names.append(names.isEmpty() ? "" : ", ").append(h.key()));
        return names.isEmpty() ? "none" : names.toString();
    }

    private static String subject(CalsyncEvent event) {
        return "tenants/" + event.tenantId() + "/users/" + event.userId();
    }

    /** Jackson configured to refuse anything the JSON Schemas refuse, so both readers agree. */
    static JsonMapper strictMapper() {
        return JsonMapper.builder()
                .addModule(Rfc3339.module())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(EnumFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Textual, cfg -> cfg
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .changeDefaultPropertyInclusion(incl -> incl.withValueInclusion(JsonInclude.Include.NON_NULL))
                .build();
    }
}
