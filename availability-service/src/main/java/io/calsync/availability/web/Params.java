package io.calsync.availability.web;

import io.calsync.availability.answers.SlotOptions;
import io.calsync.availability.domain.FreeSlotQuery;
import io.calsync.availability.domain.Interval;
import io.calsync.availability.domain.InvalidFieldException;
import io.calsync.availability.domain.Schedule;
import io.calsync.availability.domain.SlotFormat;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the API's text parameters into the domain's types. Every refusal names the parameter and never repeats the
 * value (it may hold anything the caller sent).
 */
final class Params {

    /** PostgreSQL's timestamps end long before Java's: instants are asked about in the years 1900 to 9999. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");
    static final Duration MAX_BUSY_WINDOW = Duration.ofDays(366);

    private Params() {
    }

    static Instant instant(String field, String value) {
        if (value == null || value.isEmpty()) {
            throw new InvalidFieldException(field, "is required");
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "must be an RFC 3339 date-time with offset, e.g. 2026-12-01T09:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw new InvalidFieldException(field, "must lie in the years 1900 to 9999");
        }
        return instant;
    }

    /** {@code [from, to)}, at most {@code max} long; the too-long error names {@code to}. */
    static Interval window(String fromField, String from, String toField, String to, Duration max) {
        Instant start = instant(fromField, from);
        Instant end = instant(toField, to);
        if (!end.isAfter(start)) {
            throw new InvalidFieldException(toField, "must be after '" + fromField + "'");
        }
        if (Duration.between(start, end).compareTo(max) > 0) {
            throw new InvalidFieldException(toField, "the window from '" + fromField + "' to '" + toField
                    + "' may span at most " + max.toDays() + " days");
        }
        return new Interval(start, end);
    }

    static Duration duration(String field, String value, Duration absent) {
        if (value == null || value.isEmpty()) {
            if (absent == null) {
                throw new InvalidFieldException(field, "is required, an ISO 8601 duration such as PT30M");
            }
            return absent;
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidFieldException(field, "must be an ISO 8601 duration such as PT30M");
        }
    }

    static Optional<Duration> optionalDuration(String field, String value) {
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(duration(field, value, null));
    }

    static SlotFormat format(String value) {
        if (value == null || value.isEmpty() || value.equalsIgnoreCase("slots")) {
            return SlotFormat.SLOTS;
        }
        if (value.equalsIgnoreCase("periods")) {
            return SlotFormat.PERIODS;
        }
        throw new InvalidFieldException("format", "must be slots or periods");
    }

    /** The options of a free-slot question, checked whole before anything is read. */
    static SlotOptions slotOptions(String from, String to, String duration, String step, String timeZone,
            String bufferBefore, String bufferAfter, String minNotice, Integer maxResults, String format,
            Integer maxPerDay) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!end.isAfter(start)) {
            throw new InvalidFieldException("to", "must be after 'from'");
        }
        return new SlotOptions(new Interval(start, end), duration("duration", duration, null),
                optionalDuration("step", step),
                timeZone == null || timeZone.isEmpty() ? Optional.empty() : Optional.of(Schedule.zone("timeZone", timeZone)),
                duration("bufferBefore", bufferBefore, Duration.ZERO), duration("bufferAfter", bufferAfter, Duration.ZERO),
                duration("minNotice", minNotice, Duration.ZERO),
                maxResults == null ? FreeSlotQuery.DEFAULT_RESULTS : maxResults, format(format),
                maxPerDay == null ? OptionalInt.empty() : OptionalInt.of(maxPerDay)).checked();
    }
}
