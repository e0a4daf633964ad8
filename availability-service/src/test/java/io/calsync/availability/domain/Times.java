package io.calsync.availability.domain;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/** Short ways to write instants in tests. */
final class Times {

    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId SYDNEY = ZoneId.of("Australia/Sydney");
    static final ZoneId UTC = ZoneId.of("UTC");

    private Times() {
    }

    /** An instant written in UTC: {@code utc("2026-12-01T09:00")}. */
    static Instant utc(String dateTime) {
        return Instant.parse(dateTime + ":00Z");
    }

    /** A wall-clock time in a zone, resolved as ZonedDateTime.of does. */
    static Instant at(String localDateTime, ZoneId zone) {
        return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
    }

    static Interval utc(String start, String end) {
        return new Interval(utc(start), utc(end));
    }
}
