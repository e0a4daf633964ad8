package io.calsync.worker.caldav;

import java.util.Map;

/**
 * A calendar collection's members as one PROPFIND Depth 1 listed them, with the collection's own sync token and
 * ctag from the same answer. Hrefs are {@linkplain DavHrefs#canonical(java.net.URI) canonical}.
 *
 * @param etags every member listed, with its ETag (null when the server gave none)
 * @param syncToken the collection's RFC 6578 {@code sync-token}, null when it has none
 * @param ctag the collection's {@code getctag}, null when it has none
 * @param complete false when the server cut the listing short (507): a member it did not list may still exist
 */
public record CollectionMembers(Map<String, String> etags, String syncToken, String ctag, boolean complete) {
}
