package io.calsync.availability.domain;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Working hours within one local day, {@code [start, end)} in wall-clock time. {@code end} may be the end of the day
 * ("24:00"), held as {@link #endOfDay()}.
 *
 * @param end the end, or null for the end of the day
 */
public record DailyRange(LocalTime start, LocalTime end) implements Comparable<DailyRange> {

    public DailyRange {
        Objects.requireNonNull(start, "start");
        if (end != null && !end.isAfter(start)) {
            throw new IllegalArgumentException("working hours end after they start: " + start + "–" + end);
        }
    }

    public static DailyRange of(LocalTime start, LocalTime end) {
        return new DailyRange(start, end);
    }

    public static DailyRange untilEndOfDay(LocalTime start) {
        return new DailyRange(start, null);
    }

    public static DailyRange wholeDay() {
        return new DailyRange(LocalTime.MIDNIGHT, null);
    }

    /**
     * Parses ISO local times ({@code 09:00}, {@code 17:30:00}); {@code end} may be {@code 24:00}. Errors name
     * {@code field + ".start"} or {@code field + ".end"}.
     */
    public static DailyRange parse(String field, String start, String end) {
        LocalTime from = time(field + ".start", start);
        if ("24:00".equals(end) || "24:00:00".equals(end)) {
            return untilEndOfDay(from);
        }
        LocalTime to = time(field + ".end", end);
        if (!to.isAfter(from)) {
            throw new InvalidFieldException(field + ".end", "must be after start (" + start + "); use 24:00 for midnight");
        }
        return of(from, to);
    }

    private static LocalTime time(String field, String value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException(field, "is not a time of day such as 09:00");
        }
    }

    public Optional<LocalTime> endTime() {
        return Optional.ofNullable(end);
    }

    public boolean endOfDay() {
        return end == null;
    }

    /** Whether the two share some wall-clock time; touching ranges do not overlap. */
    public boolean overlaps(DailyRange other) {
        return startsBeforeEndOf(other) && other.startsBeforeEndOf(this);
    }

    private boolean startsBeforeEndOf(DailyRange other) {
        return other.end == null || start.isBefore(other.end);
    }

    /**
     * These hours on {@code date} in {@code zone}, as instants, or empty when they fall wholly in a DST gap. A local
     * time in a gap resolves forward by the gap's length and one in an overlap to its earlier instant, as
     * {@link ZonedDateTime#of} does; "24:00" is the start of the next day.
     */
    public Optional<Interval> on(LocalDate date, ZoneId zone) {
        ZonedDateTime from = ZonedDateTime.of(date, start, zone);
        ZonedDateTime to = end == null ? ZonedDateTime.of(date.plusDays(1), LocalTime.MIDNIGHT, zone)
                : ZonedDateTime.of(date, end, zone);
        return to.isAfter(from) ? Optional.of(new Interval(from.toInstant(), to.toInstant())) : Optional.empty();
    }

    @Override
    public int compareTo(DailyRange other) {
        return start.compareTo(other.start);
    }

    @Override
    public String toString() {
        return start + "–" + (end == null ? "24:00" : end.toString());
    }
}
