package io.calsync.worker.sync;

import java.util.List;
import java.util.Set;

/**
 * What one sync of a calendar found.
 *
 * @param next the state to store once the result is applied; its token advances only when the sync was complete
 * @param changed other people's resources that are new or changed, downloaded
 * @param deleted other people's resources that are gone
 * @param drifted resources calsync wrote whose ETag is no longer the one calsync wrote (edited or moved in
 *     iCloud), downloaded
 * @param ownDeleted resources calsync wrote that are gone from the calendar
 * @param missing hrefs asked for but not answered (or unreadable in the listing): nothing is known of them, so
 *     whatever was published for them stays as it was
 * @param complete every change was seen; false after a truncated listing or missing resources
 * @param requests requests sent to the server
 */
public record SyncResult(KnownCalendar next, List<FetchedResource> changed, Set<String> deleted,
        List<FetchedResource> drifted, Set<String> ownDeleted, Set<String> missing, boolean complete, int requests) {

    /** Nothing to apply: the calendar did not change. */
    public boolean unchanged() {
        return changed.isEmpty() && deleted.isEmpty() && drifted.isEmpty() && ownDeleted.isEmpty() && missing.isEmpty();
    }
}
