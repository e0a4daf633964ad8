package io.calsync.availability.domain;

import com.google.common.collect.ImmutableRangeSet;
import com.google.common.collect.Iterables;
import com.google.common.collect.Range;
import com.google.common.collect.RangeSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An immutable set of instants made of disjoint, non-touching half-open intervals: overlapping or touching input
 * merges (Guava's {@link RangeSet} does the merging), so equal sets of time compare equal however they were built.
 */
public final class IntervalSet {

    private static final IntervalSet EMPTY = new IntervalSet(ImmutableRangeSet.of());

    private final ImmutableRangeSet<Instant> ranges;

    private IntervalSet(RangeSet<Instant> ranges) {
        this.ranges = ImmutableRangeSet.copyOf(ranges);
    }

    public static IntervalSet empty() {
        return EMPTY;
    }

    public static IntervalSet of(Interval... intervals) {
        return of(Arrays.asList(intervals));
    }

    public static IntervalSet of(Iterable<Interval> intervals) {
        // sorted by start, overlapping and touching intervals join in one pass; the builder checks the result is
        // disjoint (a TreeRangeSet does the same merging, several times slower for the thousands a request reads)
        List<Interval> sorted = new ArrayList<>();
        intervals.forEach(sorted::add);
        sorted.sort(null);
        ImmutableRangeSet.Builder<Instant> merged = ImmutableRangeSet.builder();
        Instant start = null;
        Instant end = null;
        for (Interval interval : sorted) {
            if (start != null && !interval.start().isAfter(end)) {
                end = interval.end().isAfter(end) ? interval.end() : end;
                continue;
            }
            if (start != null) {
                merged.add(Range.closedOpen(start, end));
            }
            start = interval.start();
            end = interval.end();
        }
        if (start != null) {
            merged.add(Range.closedOpen(start, end));
        }
        return new IntervalSet(merged.build());
    }

    /** The merged intervals in ascending order. */
    public List<Interval> intervals() {
        return ranges.asRanges().stream().map(Interval::of).toList();
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    public IntervalSet union(IntervalSet other) {
        return other.isEmpty() ? this : isEmpty() ? other : of(Iterables.concat(intervals(), other.intervals()));
    }

    public IntervalSet intersection(IntervalSet other) {
        return new IntervalSet(ranges.intersection(other.ranges));
    }

    /** The time in this set and not in {@code other}. */
    public IntervalSet minus(IntervalSet other) {
        return new IntervalSet(ranges.difference(other.ranges));
    }

    /** The part of this set inside {@code window}. */
    public IntervalSet clip(Interval window) {
        return new IntervalSet(ranges.subRangeSet(window.toRange()));
    }

    /** The time inside {@code window} that is not in this set. */
    public IntervalSet complementWithin(Interval window) {
        return new IntervalSet(ranges.complement().subRangeSet(window.toRange()));
    }

    /**
     * Every interval grown by {@code before} at its start and {@code after} at its end, merged again. Widening the
     * merged set gives the same as widening every original interval, so callers may widen either.
     */
    public IntervalSet widen(Duration before, Duration after) {
        if (before.isNegative() || after.isNegative()) {
            throw new IllegalArgumentException("widening is by non-negative durations");
        }
        return of(intervals().stream().map(i -> i.widen(before, after)).toList());
    }

    /** Whether some instant of {@code interval} is in this set. */
    public boolean overlaps(Interval interval) {
        return ranges.intersects(interval.toRange());
    }

    /** Whether every instant of {@code interval} is in this set. */
    public boolean encloses(Interval interval) {
        return ranges.encloses(interval.toRange());
    }

    public boolean contains(Instant instant) {
        return ranges.contains(instant);
    }

    /** From the first start to the last end, if any. */
    public Optional<Interval> span() {
        return isEmpty() ? Optional.empty() : Optional.of(Interval.of(ranges.span()));
    }

    public Duration totalLength() {
        return ranges.asRanges().stream().map(r -> Duration.between(r.lowerEndpoint(), r.upperEndpoint()))
                .reduce(Duration.ZERO, Duration::plus);
    }

    Range<Instant> rangeContaining(Instant instant) {
        return ranges.rangeContaining(instant);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntervalSet other && ranges.equals(other.ranges);
    }

    @Override
    public int hashCode() {
        return ranges.hashCode();
    }

    @Override
    public String toString() {
        return intervals().toString();
    }
}
