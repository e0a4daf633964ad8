package io.calsync.contracts;

/** Why pushing an appointment failed, as a closed set that booking services and dashboards can act on. */
public enum SyncFailureReason {
    /** iCloud is unavailable, throttling or timing out; calsync retries. */
    ICLOUD_UNAVAILABLE,
    /** iCloud rejected the account's credentials; the account waits for the user to reconnect. */
    NEEDS_REAUTH,
    /** iCloud refused the request in a way that repeating cannot fix. */
    REJECTED_BY_ICLOUD,
    /** The Primary Calendar no longer exists or is no longer writable. */
    CALENDAR_UNAVAILABLE,
    /** An unexpected error inside calsync. */
    INTERNAL_ERROR
}
