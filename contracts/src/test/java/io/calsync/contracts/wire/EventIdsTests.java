package io.calsync.contracts.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.AppointmentSyncFailed;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotOrigin;
import io.calsync.contracts.SlotSource;
import io.calsync.contracts.SyncAction;
import io.calsync.contracts.SyncFailureReason;
import java.net.URI;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The same report gets the same CloudEvents id, whenever and however often it is made; another report another. */
class EventIdsTests {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    private final EventCodec codec = new EventCodec(URI.create("/calsync/test"));

    private static AppointmentSynced synced(long revision, SyncAction action, Instant at) {
        return new AppointmentSynced("acme", "u-1", "a-1", revision, action, "acct", "work",
                "https://caldav.example/work/a-1.ics", "\"e" + at.getEpochSecond() + "\"", at);
    }

    private String idOf(io.calsync.contracts.CalsyncEvent event) {
        var record = codec.encode(event);
        return codec.decode(record.headers(), record.value()).id();
    }

    @Test
    void theSameOutcomeOfTheSameRevisionReportedAgainAfterACrashHasTheSameId() {
        // redone after a crash: another ETag, another time, the same outcome
        assertThat(idOf(synced(3, SyncAction.UPDATED, NOW))).isEqualTo(idOf(synced(3, SyncAction.UPDATED, NOW.plusSeconds(40))));
    }

    @Test
    void anotherRevisionOrAnotherOutcomeHasAnotherId() {
        String updated = idOf(synced(3, SyncAction.UPDATED, NOW));
        assertThat(idOf(synced(4, SyncAction.UPDATED, NOW))).isNotEqualTo(updated);
        assertThat(idOf(synced(3, SyncAction.MOVED, NOW))).isNotEqualTo(updated);
        assertThat(idOf(new AppointmentSyncFailed("acme", "u-1", "a-1", 3, SyncFailureReason.ICLOUD_UNAVAILABLE,
                "503", true, NOW))).isNotEqualTo(updated);
    }

    @Test
    void anAccountStatusIsIdentifiedByAccountStatusAndWhenItChanged() {
        IntegrationStatusChanged paused = new IntegrationStatusChanged("acme", "u-1", "acct", AccountStatus.NEEDS_REAUTH,
                "401", NOW);
        assertThat(idOf(paused)).isEqualTo(idOf(paused));
        assertThat(idOf(new IntegrationStatusChanged("acme", "u-1", "acct", AccountStatus.NEEDS_REAUTH, "401",
                NOW.plusSeconds(1)))).isNotEqualTo(idOf(paused));
    }

    @Test
    void slotEventsGetAFreshIdEachTime_aSlotBlockedAgainIsNews() {
        SlotBlocked slot = new SlotBlocked("acme", "u-1", "icloud-1", SlotSource.ICLOUD,
                new SlotOrigin("acct", "work", CalendarRole.CONFLICT, "uid-1", null), NOW, NOW.plusSeconds(3600), false,
                "Dentist", null, null);
        assertThat(EventIds.of(slot)).isEmpty();
        assertThat(idOf(slot)).isNotEqualTo(idOf(slot));
    }
}
