package io.calsync.contracts;

/** The state of a connected iCloud account. */
public enum AccountStatus {
    CONNECTED,
    /** iCloud rejected the stored app-specific password; the user must enter a new one. */
    NEEDS_REAUTH,
    DISCONNECTED
}
