/**
 * CalDAV adapter (RFC 4791, RFC 6578, RFC 4918 WebDAV) built on sardine: discovery of an account's calendars
 * (RFC 6764 section 6 / RFC 5397 current-user-principal, RFC 4791 section 6.2.1 calendar-home-set), calendar
 * listing, change detection and conditional writes. Every failure becomes a typed {@link
 * io.calsync.worker.caldav.CalDavException}. Knows nothing of appointments or slots.
 */
package io.calsync.worker.caldav;
