package io.calsync.contracts.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.EventType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/** Strict reading: every broken variant of a record is rejected with an error that names the field at fault. */
class EventCodecRejectsBrokenRecordsTests {

    private final EventCodec codec = new EventCodec(URI.create("/test"));
    private final GoldenSample booked = GoldenSample.of(EventType.APPOINTMENT_BOOKED);

    private InvalidEventException rejectionOf(Headers headers, byte[] value) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> codec.decode(headers, value));
        assertThat(thrown).isInstanceOf(InvalidEventException.class);
        return (InvalidEventException) thrown;
    }

    private InvalidEventException rejectionOf(ObjectNode value) {
        return rejectionOf(booked.kafkaHeaders(), GoldenSample.JSON.writeValueAsBytes(value));
    }

    private ObjectNode bookedValue() {
        return (ObjectNode) booked.value().deepCopy();
    }

    @Test
    void theUntouchedSampleIsAccepted() {
        assertThat(codec.decode(booked.kafkaHeaders(), booked.valueBytes()).data()).isInstanceOf(AppointmentBooked.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenantId", "userId", "appointmentId", "revision", "start", "end", "timeZone", "title"})
    void aMissingRequiredFieldIsNamed(String field) {
        ObjectNode value = bookedValue();
        value.remove(field);

        assertThat(rejectionOf(value).field()).isEqualTo(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tenantId", "start", "title", "timeZone"})
    void anExplicitNullForARequiredFieldIsNamed(String field) {
        ObjectNode value = bookedValue();
        value.putNull(field);

        assertThat(rejectionOf(value).field()).isEqualTo(field);
    }

    static Stream<Arguments> mistypedFields() {
        return Stream.of(
                Arguments.of("revision", "\"5\""),
                Arguments.of("revision", "1.5"),
                Arguments.of("revision", "true"),
                Arguments.of("title", "42"),
                Arguments.of("title", "{\"text\":\"x\"}"),
                Arguments.of("start", "1764579600"),
                Arguments.of("tenantId", "[\"acme\"]"));
    }

    @ParameterizedTest
    @MethodSource("mistypedFields")
    void aMistypedFieldIsNamed(String field, String json) {
        ObjectNode value = bookedValue();
        value.set(field, GoldenSample.JSON.readTree(json));

        assertThat(rejectionOf(value).field()).isEqualTo(field);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yesterday", "2026-12-01", "2026-12-01T09:00:00", "2026-13-01T09:00:00Z", ""})
    void anUnparsableTimeIsNamed(String time) {
        ObjectNode value = bookedValue();
        value.put("end", time);

        InvalidEventException e = rejectionOf(value);
        assertThat(e.field()).isEqualTo("end");
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-01T09:00:00Z", "2026-12-01T08:59:59Z"})
    void anIntervalThatEndsAtOrBeforeItsStartIsRejected(String end) {
        ObjectNode value = bookedValue();
        value.put("end", end);

        InvalidEventException e = rejectionOf(value);
        assertThat(e.field()).isEqualTo("end");
        assertThat(e.getMessage()).contains("must be after start");
    }

    @Test
    void anOffsetOtherThanUtcIsAcceptedAndNormalised() {
        ObjectNode value = bookedValue();
        value.put("start", "2026-12-01T10:00:00+01:00");

        AppointmentBooked event = (AppointmentBooked) codec.decode(booked.kafkaHeaders(),
                GoldenSample.JSON.writeValueAsBytes(value)).data();
        assertThat(event.start()).hasToString("2026-12-01T09:00:00Z");
    }

    @Test
    void anUnknownFieldIsNamed() {
        ObjectNode value = bookedValue();
        value.put("attendeeEmail", "jane@example.com");

        assertThat(rejectionOf(value).field()).isEqualTo("attendeeEmail");
    }

    @Test
    void anUnknownTimeZoneIsNamed() {
        ObjectNode value = bookedValue();
        value.put("timeZone", "Mars/Olympus_Mons");

        assertThat(rejectionOf(value).field()).isEqualTo("timeZone");
    }

    @Test
    void anUnknownEventTypeIsNamed() {
        Headers headers = booked.kafkaHeaders();
        headers.remove("ce_type");
        headers.add("ce_type", "io.calsync.appointment.exploded.v1".getBytes(StandardCharsets.UTF_8));

        InvalidEventException e = rejectionOf(headers, booked.valueBytes());
        assertThat(e.field()).isEqualTo("ce_type");
        assertThat(e.getMessage()).contains("io.calsync.appointment.exploded.v1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ce_specversion", "ce_id", "ce_source", "ce_type"})
    void aMissingCloudEventsHeaderIsRejected(String header) {
        Headers headers = booked.kafkaHeaders();
        headers.remove(header);

        assertThat(rejectionOf(headers, booked.valueBytes()).field()).startsWith("ce_");
    }

    @Test
    void aValueThatIsNotJsonIsRejected() {
        InvalidEventException e = rejectionOf(booked.kafkaHeaders(), "<xml>not json</xml>".getBytes(StandardCharsets.UTF_8));
        assertThat(e.field()).isEqualTo("value");
    }

    @Test
    void jsonWithTrailingGarbageIsRejected() {
        byte[] value = (booked.value().toString() + " {}").getBytes(StandardCharsets.UTF_8);
        assertThat(rejectionOf(booked.kafkaHeaders(), value).field()).isEqualTo("value");
    }

    @Test
    void aJsonArrayInsteadOfAnObjectIsRejected() {
        byte[] value = ("[" + booked.value() + "]").getBytes(StandardCharsets.UTF_8);
        assertThat(rejectionOf(booked.kafkaHeaders(), value)).isNotNull();
    }

    @Test
    void anEmptyValueIsRejected() {
        assertThat(rejectionOf(booked.kafkaHeaders(), new byte[0]).field()).isEqualTo("value");
        assertThat(rejectionOf(booked.kafkaHeaders(), null).field()).isEqualTo("value");
    }

    @Test
    void aValueOfSeveralMegabytesIsRejectedBeforeParsing() {
        ObjectNode value = bookedValue();
        value.put("description", "x".repeat(5 * 1024 * 1024));

        InvalidEventException e = rejectionOf(value);
        assertThat(e.field()).isEqualTo("value");
        assertThat(e.getMessage()).contains("bytes, more than");
    }

    @Test
    void aNonJsonContentTypeIsRejected() {
        Headers headers = booked.kafkaHeaders();
        headers.remove("content-type");
        headers.add("content-type", "application/avro".getBytes(StandardCharsets.UTF_8));

        assertThat(rejectionOf(headers, booked.valueBytes()).field()).isEqualTo("content-type");
    }

    @Test
    void aNumberForAnEnumIsRejected() {
        GoldenSample released = GoldenSample.of(EventType.SLOT_RELEASED);
        ObjectNode value = (ObjectNode) released.value().deepCopy();
        value.put("reason", 0);

        assertThatThrownBy(() -> codec.decode(released.kafkaHeaders(), GoldenSample.JSON.writeValueAsBytes(value)))
                .isInstanceOf(InvalidEventException.class)
                .extracting(e -> ((InvalidEventException) e).field()).isEqualTo("reason");
    }

    @Test
    void anICloudSlotWithoutOriginIsRejected() {
        GoldenSample blocked = GoldenSample.of(EventType.SLOT_BLOCKED);
        ObjectNode value = (ObjectNode) blocked.value().deepCopy();
        value.remove("origin");

        assertThatThrownBy(() -> codec.decode(blocked.kafkaHeaders(), GoldenSample.JSON.writeValueAsBytes(value)))
                .isInstanceOf(InvalidEventException.class)
                .extracting(e -> ((InvalidEventException) e).field()).isEqualTo("origin");
    }

    @Test
    void aNestedMissingFieldIsNamedWithItsPath() {
        GoldenSample blocked = GoldenSample.of(EventType.SLOT_BLOCKED);
        ObjectNode value = (ObjectNode) blocked.value().deepCopy();
        ((ObjectNode) value.get("origin")).remove("eventUid");

        assertThatThrownBy(() -> codec.decode(blocked.kafkaHeaders(), GoldenSample.JSON.writeValueAsBytes(value)))
                .isInstanceOf(InvalidEventException.class)
                .extracting(e -> ((InvalidEventException) e).field()).isEqualTo("origin.eventUid");
    }
}
