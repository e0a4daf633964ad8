package io.calsync.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlotDigestTests {

    @Test
    void theEmptySetAndOneSlotHaveFixedDigests() {
        assertThat(SlotDigest.of(List.of())).hasToString("0:0000000000000000");
        // first 8 bytes of SHA-256("s1|2026-12-01T09:00:00Z|2026-12-01T10:00:00Z"), so other languages can check theirs
        assertThat(SlotDigest.EMPTY.with("s1", Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T10:00:00Z")))
                .hasToString("1:" + String.format("%016x", SlotDigest.hash("s1", Instant.parse("2026-12-01T09:00:00Z"),
                        Instant.parse("2026-12-01T10:00:00Z"))));
    }

    @Test
    void theStatusCarriesADigestOnlyInItsForm() {
        assertThatThrownBy(() -> new CalendarSyncStatusReported("acme", "u", "a", "c", CalendarRole.PRIMARY,
                CalendarSyncState.OK, Instant.EPOCH, Instant.EPOCH, null, "2:XYZ"))
                .isInstanceOf(ContractViolation.class).hasMessageContaining("slotDigest");
        assertThatThrownBy(() -> SlotDigest.parse("-1:0000000000000000")).isInstanceOf(ContractViolation.class);
        assertThatThrownBy(() -> SlotDigest.parse("01:0000000000000000")).isInstanceOf(ContractViolation.class);
        assertThat(new CalendarSyncStatusReported("acme", "u", "a", "c", CalendarRole.PRIMARY, CalendarSyncState.OK,
                Instant.EPOCH, Instant.EPOCH, null).slotDigest()).isNull();
    }
}
