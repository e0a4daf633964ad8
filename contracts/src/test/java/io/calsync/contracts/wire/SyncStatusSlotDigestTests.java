package io.calsync.contracts.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.EventType;
import io.calsync.contracts.SlotDigest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

/**
 * The optional slot digest of calendar.sync-status (additive: the sample without it stays valid): the digest sample
 * validates, decodes and round-trips, its digest is that of the two slots it describes, and malformed digests are
 * refused alike by the schema and the codec.
 */
class SyncStatusSlotDigestTests {

    private final EventCodec codec = new EventCodec(URI.create("/test"));
    private final GoldenSample withDigest = GoldenSample.of(EventType.CALENDAR_SYNC_STATUS, "digest");

    @Test
    void theDigestSampleValidatesDecodesAndRoundTrips() throws Exception {
        assertThat(GoldenSamplesTests.validate(EventType.CALENDAR_SYNC_STATUS, withDigest.value().toString())).isEmpty();

        CalendarSyncStatusReported status = (CalendarSyncStatusReported) codec.decode(withDigest.kafkaHeaders(),
                withDigest.valueBytes()).data();
        byte[] written = codec.encode(status, "id-1", Instant.parse("2026-01-01T00:00:00Z")).value();

        assertThat(GoldenSample.JSON.readTree(written)).isEqualTo(withDigest.value());
        assertThat(status.slotDigest()).isEqualTo(SlotDigest.EMPTY
                .with("icloud-5b1e0c2a", Instant.parse("2026-12-02T08:00:00Z"), Instant.parse("2026-12-02T09:00:00Z"))
                .with("icloud-7c2d90e1", Instant.parse("2026-12-03T10:00:00Z"), Instant.parse("2026-12-03T11:30:00Z"))
                .toString());
    }

    @Test
    void aStatusWithoutDigestIsWrittenWithoutIt() {
        GoldenSample plain = GoldenSample.of(EventType.CALENDAR_SYNC_STATUS);
        CalendarSyncStatusReported status = (CalendarSyncStatusReported) codec.decode(plain.kafkaHeaders(),
                plain.valueBytes()).data();

        assertThat(status.slotDigest()).isNull();
        assertThat(new String(codec.dataBytes(status), StandardCharsets.UTF_8)).doesNotContain("slotDigest");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2", "2:51A06BF314F69CB8", "2:51a06bf314f69cb", "-2:51a06bf314f69cb8", "02:51a06bf314f69cb8",
            "x:51a06bf314f69cb8"})
    void malformedDigestsAreRefusedByTheSchemaAndTheCodec(String digest) throws Exception {
        ObjectNode value = (ObjectNode) withDigest.value().deepCopy();
        value.put("slotDigest", digest);

        assertThat(GoldenSamplesTests.validate(EventType.CALENDAR_SYNC_STATUS, value.toString())).as("schema").isNotEmpty();
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() ->
                codec.decode(withDigest.kafkaHeaders(), GoldenSample.JSON.writeValueAsBytes(value)));
        assertThat(thrown).as("codec").isInstanceOf(InvalidEventException.class);
        assertThat(((InvalidEventException) thrown).field()).isEqualTo("slotDigest");
    }
}
