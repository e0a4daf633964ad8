package io.calsync.availability.domain;

/** How reading one source calendar goes, as the sync-worker reports it. */
public enum CalendarState {
    OK,
    /** The last polls failed; the worker keeps trying. Counts as failing. */
    FAILING,
    /** The account waits for the user to re-enter credentials; nothing is read. Counts as failing. */
    PAUSED,
    /** No longer read (deselected, deleted, account disconnected) and its slots released: no longer a source. */
    STOPPED
}
