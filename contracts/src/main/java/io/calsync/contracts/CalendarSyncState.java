package io.calsync.contracts;

/** How reading one calendar is going. */
public enum CalendarSyncState {
    OK,
    /** The last polls failed; calsync keeps trying with back-off. */
    FAILING,
    /** The account waits for re-authentication; nothing is read. */
    PAUSED,
    /** The calendar is no longer read (deselected, deleted in iCloud or account disconnected). */
    STOPPED
}
