package io.calsync.contracts;

/** Why an appointment was deliberately not pushed. */
public enum SkipReason {
    /** The user has no Primary Calendar; the appointment is pushed once one is chosen, if it is still ahead. */
    NO_PRIMARY_CALENDAR,
    /** A newer revision of the appointment superseded this one before it was pushed. */
    SUPERSEDED,
    /** A cancellation arrived for an appointment calsync never wrote to iCloud. */
    NOTHING_TO_REMOVE,
    /**
     * A cancellation arrived for an appointment written to a calendar of an account the user has since
     * disconnected: calsync holds no password for it any more, so the event stays there.
     */
    ACCOUNT_DISCONNECTED
}
