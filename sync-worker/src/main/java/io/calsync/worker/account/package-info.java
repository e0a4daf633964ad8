/**
 * iCloud accounts and calendar configuration: connecting an Apple ID with an app-specific password (checked by
 * CalDAV discovery before anything is saved), the encrypted credential vault, listing calendars, choosing the
 * Primary Calendar and the "Check for conflicts" calendars, and the REST API for all of it.
 */
package io.calsync.worker.account;
