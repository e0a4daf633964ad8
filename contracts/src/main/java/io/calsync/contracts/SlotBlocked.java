package io.calsync.contracts;

import java.time.Instant;

/**
 * The user is busy during {@code [start, end)} (UTC). An ICLOUD slot names its {@link SlotOrigin}; a NATIVE slot
 * has none. Carries no attendee or contact data: a slot is never an appointment.
 */
public record SlotBlocked(
        String tenantId,
        String userId,
        String slotId,
        SlotSource source,
        SlotOrigin origin,
        Instant start,
        Instant end,
        boolean allDay,
        String title) implements SlotEvent {

    public SlotBlocked {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(slotId, "slotId");
        Require.present(source, "source");
        if (source == SlotSource.ICLOUD && origin == null) {
            throw new ContractViolation("origin", "is required for source ICLOUD");
        }
        if (source == SlotSource.NATIVE && origin != null) {
            throw new ContractViolation("origin", "must be absent for source NATIVE");
        }
        Require.interval(start, end);
        Require.optionalText(title, "title");
    }
}
