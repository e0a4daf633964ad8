package io.calsync.contracts;

/** Why a blocked slot no longer blocks. */
public enum ReleaseReason {
    /** The event or occurrence was deleted, or no longer blocks time (cancelled, marked free). */
    EVENT_REMOVED,
    /** The calendar was deselected from Primary / Check for conflicts. */
    CALENDAR_DESELECTED,
    /** The iCloud account was disconnected. */
    ACCOUNT_DISCONNECTED,
    /** The occurrence left the sync window. */
    OUTSIDE_SYNC_WINDOW,
    /** The platform removed one of its own (NATIVE) slots. */
    REMOVED_IN_PLATFORM
}
