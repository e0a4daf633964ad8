/**
 * iCalendar (RFC 5545) mapping with ical4j, pure and one class per direction: {@link
 * io.calsync.worker.ical.AppointmentCalendar} turns an appointment into the VCALENDAR calsync writes, {@link
 * io.calsync.worker.ical.EventOccurrences} turns a calendar object resource read from iCloud into the busy
 * occurrences inside a window.
 */
package io.calsync.worker.ical;
