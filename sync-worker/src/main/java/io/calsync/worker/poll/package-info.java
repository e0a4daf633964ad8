/**
 * Reading iCloud calendars into blocked slots: every selected calendar (Primary and "Check for conflicts") is
 * polled on a schedule, cheapest check first (getctag), its events expanded into occurrences inside the sync
 * window, and only the difference to what was published before goes out as {@code slot.blocked} /
 * {@code slot.released}. Events calsync wrote itself are never read back (product rule 6); one of a cancelled
 * appointment that a poll finds after the cancellation (a create that landed late) is handed to the push path for
 * removal.
 */
package io.calsync.worker.poll;
