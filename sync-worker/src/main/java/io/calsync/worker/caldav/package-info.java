/**
 * CalDAV adapter (RFC 4791, RFC 6578, RFC 4918 WebDAV) built on sardine: discovery of an account's calendars
 * (RFC 6764 section 6 / RFC 5397 current-user-principal, RFC 4791 section 6.2.1 calendar-home-set), calendar
 * listing, conditional writes, and reading a calendar for the sync template ({@link
 * io.calsync.worker.caldav.CalDavCalendarServer}: RFC 6578 sync-collection, ETag listing, RFC 4791 section 7.9
 * calendar-multiget) with hrefs in one {@linkplain io.calsync.worker.caldav.DavHrefs canonical} spelling, and writing
 * the push path's events ({@link io.calsync.worker.caldav.CalDavCalendarWriter}: conditional PUT and DELETE, the event
 * rendered by the iCalendar adapter). Every failure becomes a typed {@link io.calsync.worker.caldav.CalDavException},
 * which says what it is in calsync's terms ({@link io.calsync.worker.caldav.CalDavException#failure()}).
 */
package io.calsync.worker.caldav;
