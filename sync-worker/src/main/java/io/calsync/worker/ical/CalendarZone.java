package io.calsync.worker.ical;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The time zone floating times and all-day dates of one calendar are read in (DESIGN.md, Poll): the collection's
 * RFC 4791 {@code calendar-timezone} if it has one, else the resource's {@code X-WR-TIMEZONE}, else the zone the user
 * set in the calendar configuration, else UTC. The caller knows the first and the third; the resource knows the
 * second, so the choice is finished by {@link #resolve(ZoneId)} while reading it.
 *
 * @param collection the collection's {@code calendar-timezone}, null when it has none
 * @param fallback the user's zone for this calendar, or UTC
 */
public record CalendarZone(ZoneId collection, ZoneId fallback) {

    public CalendarZone {
        Objects.requireNonNull(fallback, "fallback");
    }

    public static CalendarZone utc() {
        return new CalendarZone(null, ZoneOffset.UTC);
    }

    /** A calendar whose collection names its zone. */
    public static CalendarZone ofCollection(ZoneId collection, ZoneId fallback) {
        return new CalendarZone(Objects.requireNonNull(collection, "collection"), fallback);
    }

    /** No collection zone known: X-WR-TIMEZONE if the resource has one, else {@code fallback}. */
    public static CalendarZone withFallback(ZoneId fallback) {
        return new CalendarZone(null, fallback);
    }

    /** @param xWrTimeZone the resource's X-WR-TIMEZONE, null when absent or not a zone we know */
    ZoneId resolve(ZoneId xWrTimeZone) {
        if (collection != null) {
            return collection;
        }
        return xWrTimeZone != null ? xWrTimeZone : fallback;
    }
}
