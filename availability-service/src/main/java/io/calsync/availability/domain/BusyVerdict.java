package io.calsync.availability.domain;

/** What the user's busy time is, given how fresh their calendars are. */
public enum BusyVerdict {
    /** The materialized busy time, as it is. */
    AS_MATERIALIZED,
    /** The whole window is busy. */
    WHOLE_WINDOW,
    /** No answer: the request fails. */
    FAIL
}
