package io.calsync.worker.caldav;

import java.util.Map;
import java.util.Set;

/**
 * What an RFC 6578 {@code sync-collection} report said. Hrefs are {@linkplain DavHrefs#canonical(java.net.URI)
 * canonical}.
 *
 * @param changed members added or changed since the token, with their ETag (null when the server gave none)
 * @param removed members gone since the token (status 404)
 * @param syncToken the token the server answered, to ask with next time (or to continue a truncated report)
 * @param truncated the server stopped early (RFC 6578 section 3.6: 507 on the request-URI, or
 *     {@code number-of-matches-within-limits}): asking again with {@code syncToken} gives the rest
 */
public record CollectionChanges(Map<String, String> changed, Set<String> removed, String syncToken, boolean truncated) {
}
