package io.calsync.worker.sync;

import java.util.Map;

/**
 * What the last sync of a calendar left behind.
 *
 * @param syncToken the RFC 6578 token to continue from; null before the first sync or on servers without one
 * @param ctag the collection's {@code getctag} at the last complete sync
 * @param etags every member seen at the last sync, by href (resources calsync wrote included)
 * @param supportsSyncCollection whether the server offers RFC 6578 for this collection (it announced a
 *     {@code sync-token}); otherwise changes are detected with {@code getctag} and an ETag listing
 */
public record KnownCalendar(String syncToken, String ctag, Map<String, String> etags, boolean supportsSyncCollection) {

    public KnownCalendar {
        etags = Map.copyOf(etags);
    }

    /** A calendar never synced before. */
    public static KnownCalendar fresh(boolean supportsSyncCollection) {
        return new KnownCalendar(null, null, Map.of(), supportsSyncCollection);
    }
}
