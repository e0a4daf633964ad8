package io.calsync.worker.sync;

/** A calendar object resource as downloaded: its href, its ETag and its iCalendar text. */
public record FetchedResource(String href, String etag, String data) {
}
