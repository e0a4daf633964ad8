package io.calsync.worker.caldav;

import java.net.URI;

/** Where a PUT stored the event and the ETag it has now. */
public record WriteResult(URI url, String etag) {
}
