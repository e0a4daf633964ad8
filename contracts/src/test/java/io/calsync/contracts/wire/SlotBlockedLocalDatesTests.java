package io.calsync.contracts.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.EventType;
import io.calsync.contracts.SlotBlocked;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The optional local dates of an all-day slot.blocked (additive: the old sample without them stays valid): the
 * all-day sample validates, decodes and round-trips; broken variants are refused alike by the schema and the codec.
 */
class SlotBlockedLocalDatesTests {

    private final EventCodec codec = new EventCodec(URI.create("/test"));
    private final GoldenSample allDay = GoldenSample.of(EventType.SLOT_BLOCKED, "all-day");
    private final GoldenSample timed = GoldenSample.of(EventType.SLOT_BLOCKED);

    @Test
    void theAllDaySampleValidatesDecodesAndRoundTrips() throws Exception {
        assertThat(GoldenSamplesTests.validate(EventType.SLOT_BLOCKED, allDay.value().toString())).isEmpty();

        SlotBlocked slot = (SlotBlocked) codec.decode(allDay.kafkaHeaders(), allDay.valueBytes()).data();
        assertThat(slot.allDay()).isTrue();
        assertThat(slot.localStartDate()).isEqualTo(LocalDate.parse("2026-12-01"));
        assertThat(slot.localEndDate()).isEqualTo(LocalDate.parse("2026-12-03"));
        byte[] written = codec.encode(slot, "id-1", Instant.parse("2026-01-01T00:00:00Z")).value();
        assertThat(GoldenSample.JSON.readTree(written)).isEqualTo(allDay.value());
        assertThat(GoldenSamplesTests.validate(EventType.SLOT_BLOCKED, new String(written, StandardCharsets.UTF_8)))
                .isEmpty();
    }

    @Test
    void aSlotWithoutLocalDatesIsWrittenWithoutThemAsBefore() {
        SlotBlocked slot = (SlotBlocked) codec.decode(timed.kafkaHeaders(), timed.valueBytes()).data();

        assertThat(slot.startDate()).isNull();
        assertThat(slot.endDate()).isNull();
        assertThat(new String(codec.dataBytes(slot), StandardCharsets.UTF_8)).doesNotContain("Date");
    }

    static Stream<Arguments> brokenDates() {
        return Stream.of(
                Arguments.of("only startDate", "{\"endDate\":null}", "endDate"),
                Arguments.of("only endDate", "{\"startDate\":null}", "startDate"),
                Arguments.of("dates on a timed slot", "{\"allDay\":false}", "startDate"),
                Arguments.of("a date-time, not a date", "{\"startDate\":\"2026-12-01T00:00:00Z\"}", "startDate"),
                Arguments.of("not a date", "{\"startDate\":\"2026-13-01\"}", "startDate"),
                Arguments.of("a number", "{\"startDate\":20261201}", "startDate"),
                Arguments.of("an array", "{\"startDate\":[2026,12,1]}", "startDate"));
    }

    /** The schema cannot compare two fields (as for start and end), the record does. */
    @ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"2026-12-01", "2026-11-30"})
    void anEndDateNotAfterTheStartDateIsRefusedByTheCodec(String endDate) {
        ObjectNode value = (ObjectNode) allDay.value().deepCopy();
        value.put("endDate", endDate);

        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                codec.decode(allDay.kafkaHeaders(), GoldenSample.JSON.writeValueAsBytes(value)));
        assertThat(thrown).isInstanceOf(InvalidEventException.class);
        assertThat(((InvalidEventException) thrown).field()).isEqualTo("endDate");
        assertThat(thrown.getMessage()).contains("must be after startDate");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenDates")
    void brokenLocalDatesAreRefusedByTheSchemaAndTheCodec(String name, String patch, String field) throws Exception {
        ObjectNode value = (ObjectNode) allDay.value().deepCopy();
        GoldenSample.JSON.readTree(patch).properties().forEach(e -> {
            if (e.getValue().isNull()) {
                value.remove(e.getKey());
            } else {
                value.set(e.getKey(), e.getValue());
            }
        });

        assertThat(GoldenSamplesTests.validate(EventType.SLOT_BLOCKED, value.toString())).as("schema").isNotEmpty();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                codec.decode(allDay.kafkaHeaders(), GoldenSample.JSON.writeValueAsBytes(value)));
        assertThat(thrown).as("codec").isInstanceOf(InvalidEventException.class);
        assertThat(((InvalidEventException) thrown).field()).isEqualTo(field);
    }
}
