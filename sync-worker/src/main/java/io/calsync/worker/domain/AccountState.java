package io.calsync.worker.domain;

/** What the push path needs to know of an account: may calsync call Apple for it? */
public enum AccountState {
    /** Connected: its calendars can be written. */
    CONNECTED,
    /** iCloud rejected its password: nothing is sent for it until the user enters a new one. */
    NEEDS_REAUTH,
    /** Disconnected by the user: its password is gone, nothing of it can be touched any more. */
    DISCONNECTED
}
