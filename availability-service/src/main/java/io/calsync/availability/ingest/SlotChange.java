package io.calsync.availability.ingest;

import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotDigest;
import io.calsync.contracts.SlotEvent;
import io.calsync.contracts.SlotReleased;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one record of {@code calsync.blocked-slots} does to a slot: blocks it (as described), or forgets it (released
 * or tombstone).
 *
 * @param blocked the slot as now blocked, or null when it is forgotten
 */
record SlotChange(String slotId, SlotBlocked blocked) {

    static SlotChange of(SlotEvent event) {
        return event instanceof SlotBlocked blocked ? new SlotChange(blocked.slotId(), blocked)
                : forgotten(((SlotReleased) event).slotId());
    }

    static SlotChange forgotten(String slotId) {
        return new SlotChange(slotId, null);
    }

    /** The slot's share of its calendar's {@link SlotDigest}. */
    long digestHash() {
        return SlotDigest.hash(blocked.slotId(), blocked.start(), blocked.end());
    }

    /**
     * The last change of each slot, in the order the slots first appear: what applying the batch one record after
     * another would leave (a slot's records share a key, hence a partition, so the batch has them in order).
     */
    static Collection<SlotChange> lastOfEach(List<SlotChange> changes) {
        Map<String, SlotChange> last = new LinkedHashMap<>();
        changes.forEach(change -> last.put(change.slotId(), change));
        return last.values();
    }
}
