package io.calsync.worker.ical;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A DATE or DATE-TIME value as RFC 5545 section 3.3.4/3.3.5 writes it: a day, a local time in a zone (TZID, or a
 * floating time given the calendar's zone), or UTC.
 */
sealed interface TimeValue {

    /** The instant it denotes; days start at midnight (or the first valid time after it) in {@code dayZone}. */
    Instant instant(ZoneId dayZone);

    /** A DATE value: an all-day event's day. */
    record Day(LocalDate date) implements TimeValue {
        @Override
        public Instant instant(ZoneId dayZone) {
            return date.atStartOfDay(dayZone).toInstant();
        }
    }

    /**
     * A local time in {@code zone}. java.time resolves it as RFC 5545 section 3.3.5 says: a time in a gap is moved
     * later by the length of the gap (read with the offset before it), a time in a fold takes the earlier offset.
     */
    record Local(LocalDateTime dateTime, ZoneId zone) implements TimeValue {
        @Override
        public Instant instant(ZoneId dayZone) {
            return dateTime.atZone(zone).toInstant();
        }
    }

    /** A DATE-TIME in UTC ("Z"). */
    record Utc(Instant at) implements TimeValue {
        @Override
        public Instant instant(ZoneId dayZone) {
            return at;
        }

        /** The same instant as a wall-clock time in {@code zone}, the way X-WR-TIMEZONE means a UTC series. */
        Local anchoredIn(ZoneId zone) {
            return new Local(LocalDateTime.ofInstant(at, zone), zone);
        }

        Local asLocal() {
            return new Local(LocalDateTime.ofInstant(at, ZoneOffset.UTC), ZoneOffset.UTC);
        }
    }
}
