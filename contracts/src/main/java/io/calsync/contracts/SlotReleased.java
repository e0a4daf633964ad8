package io.calsync.contracts;

/** A blocked slot no longer blocks. A tombstone for {@code slotId} follows on the compacted topic. */
public record SlotReleased(
        String tenantId,
        String userId,
        String slotId,
        ReleaseReason reason) implements SlotEvent {

    public SlotReleased {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(slotId, "slotId");
        Require.present(reason, "reason");
    }
}
