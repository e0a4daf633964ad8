package io.calsync.worker.caldav;

import java.net.URI;

/** One calendar object resource: its URL, ETag and iCalendar body. */
public record RemoteEvent(URI url, String etag, String icalendar) {
}
