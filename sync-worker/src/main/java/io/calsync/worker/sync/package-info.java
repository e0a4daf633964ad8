/**
 * Reading one calendar collection incrementally, as one readable template over a port: the stored RFC 6578 sync
 * token (or, on servers without one, {@code getctag}) says whether anything changed, ETags compared with the
 * stored ones say what changed, and only those resources are downloaded with {@code calendar-multiget} in batches.
 * Pure: no HTTP, XML, database or framework type; the CalDAV adapter implements {@link
 * io.calsync.worker.sync.CalendarServer}, and the poller stores and publishes what a {@link
 * io.calsync.worker.sync.SyncResult} says.
 */
package io.calsync.worker.sync;
