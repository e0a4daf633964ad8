package io.calsync.availability.domain;

import com.google.common.collect.Range;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/** A non-empty half-open stretch of time {@code [start, end)}. */
public record Interval(Instant start, Instant end) implements Comparable<Interval> {

    public Interval {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("an interval ends after it starts: [" + start + ", " + end + ")");
        }
    }

    public static Interval of(Instant start, Duration length) {
        return new Interval(start, start.plus(length));
    }

    /** The window of a request: {@code from} must lie before {@code to}; the API's field names are used. */
    public static Interval window(Instant from, Instant to) {
        if (from == null) {
            throw new InvalidFieldException("from", "is required");
        }
        if (to == null) {
            throw new InvalidFieldException("to", "is required");
        }
        if (!to.isAfter(from)) {
            throw new InvalidFieldException("to", "must be after from");
        }
        return new Interval(from, to);
    }

    static Interval of(Range<Instant> range) {
        return new Interval(range.lowerEndpoint(), range.upperEndpoint());
    }

    Range<Instant> toRange() {
        return Range.closedOpen(start, end);
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    /** Whether the two share any instant; touching intervals ({@code a.end == b.start}) do not overlap. */
    public boolean overlaps(Interval other) {
        return start.isBefore(other.end) && other.start.isBefore(end);
    }

    public boolean encloses(Interval other) {
        return !other.start.isBefore(start) && !other.end.isAfter(end);
    }

    /** This interval grown by {@code before} at its start and {@code after} at its end. */
    public Interval widen(Duration before, Duration after) {
        return new Interval(start.minus(before), end.plus(after));
    }

    @Override
    public int compareTo(Interval other) {
        int byStart = start.compareTo(other.start);
        return byStart != 0 ? byStart : end.compareTo(other.end);
    }

    @Override
    public String toString() {
        return "[" + start + ", " + end + ")";
    }
}
