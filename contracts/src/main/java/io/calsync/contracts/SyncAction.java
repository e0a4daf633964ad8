package io.calsync.contracts;

/** What calsync did to the Primary Calendar to bring it to an appointment's desired state. */
public enum SyncAction {
    CREATED,
    UPDATED,
    DELETED,
    /** The event moved because the user chose another Primary Calendar. */
    MOVED
}
