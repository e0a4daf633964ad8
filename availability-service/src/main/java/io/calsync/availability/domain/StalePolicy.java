package io.calsync.availability.domain;

/** What a stale or failing calendar does to its user's availability (a tenant setting). */
public enum StalePolicy {
    /** The user is busy for the whole window: nothing is offered on data that may be wrong. The default. */
    BUSY,
    /** The calendar counts as it last was. */
    LAST_KNOWN,
    /** The request fails (the API answers 503). */
    FAIL
}
