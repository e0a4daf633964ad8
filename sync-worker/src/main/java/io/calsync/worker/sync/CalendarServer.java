package io.calsync.worker.sync;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One calendar collection on a CalDAV server, as the sync template needs it. Each method is one request. Hrefs
 * are the server's paths of member resources, as the server wrote them (the adapter normalises them so that the
 * same resource always has the same href).
 */
public interface CalendarServer {

    /** RFC 4791 / calendarserver {@code getctag} of the collection: changes whenever anything in it changes. */
    String ctag();

    /**
     * RFC 6578 {@code sync-collection} since {@code syncToken} (empty: the initial sync, listing every member).
     *
     * @throws SyncTokenRejected when the server no longer accepts the token (403/409 {@code valid-sync-token},
     *     412, 500 and the like)
     */
    ChangeReport changesSince(String syncToken);

    /** Every member with its ETag (PROPFIND Depth 1), and the collection's sync token and ctag in the same answer. */
    Listing members();

    /** RFC 4791 section 7.9 {@code calendar-multiget} of at most {@link CalendarSync#MAX_MULTIGET} hrefs. */
    List<FetchedResource> multiget(Collection<String> hrefs);

    /**
     * What changed since a sync token.
     *
     * @param changed members added or changed, with their ETag (null when the server did not say)
     * @param removed members gone (reported with status 404)
     * @param syncToken the token to ask with next time
     * @param truncated the server stopped early (507, {@code number-of-matches-within-limits}): ask again with
     *     {@code syncToken} for the rest
     */
    record ChangeReport(Map<String, String> changed, Set<String> removed, String syncToken, boolean truncated) {
    }

    /**
     * The members of the collection.
     *
     * @param complete false when the server cut the listing short (507): absent members are then not deleted
     */
    record Listing(Map<String, String> etags, String syncToken, String ctag, boolean complete) {
    }

    /** The server refused a sync token: the client must list everything again (RFC 6578 section 3.2). */
    final class SyncTokenRejected extends RuntimeException {
        public SyncTokenRejected(String message) {
            super(message);
        }
    }
}
