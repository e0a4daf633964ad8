package io.calsync.contracts;

/** What travels on {@link Topics#BLOCKED_SLOTS}: time a user is busy with something that is not an appointment. */
public sealed interface SlotEvent extends CalsyncEvent permits SlotBlocked, SlotReleased {

    String slotId();

    @Override
    default String key() {
        return slotId();
    }
}
