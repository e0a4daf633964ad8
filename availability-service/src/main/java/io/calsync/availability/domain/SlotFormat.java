package io.calsync.availability.domain;

/** How free time is answered. */
public enum SlotFormat {
    /** Slots of exactly the requested duration, starting on the step grid. */
    SLOTS,
    /** The maximal free stretches at least as long as the requested duration, wherever they start. */
    PERIODS
}
