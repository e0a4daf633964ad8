/**
 * iCalendar (RFC 5545) mapping with ical4j, pure and one class per direction: {@link
 * io.calsync.worker.ical.AppointmentCalendar} turns an appointment into the VCALENDAR calsync writes, {@link
 * io.calsync.worker.ical.EventOccurrences} turns a calendar object resource read from iCloud into its {@link
 * io.calsync.worker.ical.Occurrence}s inside a window, reading floating times and dates in the calendar's {@link
 * io.calsync.worker.ical.CalendarZone}. Its correctness corpus, worked out by hand, is under
 * {@code src/test/resources/occurrences}.
 */
package io.calsync.worker.ical;
