package io.calsync.contracts;

/** Where a blocked slot comes from. NATIVE slots are created in the platform and are never written to iCloud. */
public enum SlotSource {
    ICLOUD,
    NATIVE
}
