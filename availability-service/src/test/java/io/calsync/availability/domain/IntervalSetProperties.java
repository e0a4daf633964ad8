package io.calsync.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Merging is idempotent and order-free; set operations agree with membership instant by instant. */
class IntervalSetProperties {

    private static final Instant ORIGIN = Instant.parse("2026-12-01T00:00:00Z");

    @Provide
    Arbitrary<List<Interval>> intervals() {
        return Combinators.combine(Arbitraries.integers().between(0, 600), Arbitraries.integers().between(1, 120))
                .as((start, length) -> Interval.of(ORIGIN.plus(Duration.ofMinutes(start)), Duration.ofMinutes(length)))
                .list().ofMaxSize(15);
    }

    @Provide
    Arbitrary<Interval> windows() {
        return intervals().filter(l -> !l.isEmpty()).map(l -> l.get(0));
    }

    @Property
    void mergingIsOrderFree(@ForAll("intervals") List<Interval> intervals, @ForAll long seed) {
        List<Interval> shuffled = new ArrayList<>(intervals);
        Collections.shuffle(shuffled, new Random(seed));

        assertThat(IntervalSet.of(shuffled)).isEqualTo(IntervalSet.of(intervals));
        assertThat(IntervalSet.of(shuffled).intervals()).isEqualTo(IntervalSet.of(intervals).intervals());
    }

    @Property
    void mergingIsIdempotent(@ForAll("intervals") List<Interval> intervals) {
        IntervalSet merged = IntervalSet.of(intervals);

        assertThat(IntervalSet.of(merged.intervals())).isEqualTo(merged);
        assertThat(IntervalSet.of(merged.intervals()).intervals()).isEqualTo(merged.intervals());
        assertThat(merged.union(merged)).isEqualTo(merged);
        assertThat(merged.intersection(merged)).isEqualTo(merged);
        List<Interval> twice = new ArrayList<>(intervals);
        twice.addAll(intervals);
        assertThat(IntervalSet.of(twice)).isEqualTo(merged);
    }

    @Property
    void mergedIntervalsAreSortedDisjointAndNotTouching(@ForAll("intervals") List<Interval> intervals) {
        List<Interval> merged = IntervalSet.of(intervals).intervals();
        for (int i = 1; i < merged.size(); i++) {
            assertThat(merged.get(i).start()).isAfter(merged.get(i - 1).end());
        }
        assertThat(IntervalSet.of(intervals).totalLength())
                .isLessThanOrEqualTo(intervals.stream().map(Interval::length).reduce(Duration.ZERO, Duration::plus));
    }

    @Property(tries = 300)
    void setOperationsAgreeWithMembership(@ForAll("intervals") List<Interval> a, @ForAll("intervals") List<Interval> b,
            @ForAll("windows") Interval window) {
        IntervalSet setA = IntervalSet.of(a);
        IntervalSet setB = IntervalSet.of(b);
        for (Instant t : probes(a, b, List.of(window))) {
            boolean inA = a.stream().anyMatch(i -> contains(i, t));
            boolean inB = b.stream().anyMatch(i -> contains(i, t));
            boolean inWindow = contains(window, t);
            assertThat(setA.contains(t)).as("a at %s", t).isEqualTo(inA);
            assertThat(setA.union(setB).contains(t)).as("a ∪ b at %s", t).isEqualTo(inA || inB);
            assertThat(setA.intersection(setB).contains(t)).as("a ∩ b at %s", t).isEqualTo(inA && inB);
            assertThat(setA.minus(setB).contains(t)).as("a − b at %s", t).isEqualTo(inA && !inB);
            assertThat(setA.complementWithin(window).contains(t)).as("window − a at %s", t)
                    .isEqualTo(inWindow && !inA);
            assertThat(setA.clip(window).contains(t)).as("a ∩ window at %s", t).isEqualTo(inA && inWindow);
        }
    }

    @Property
    void wideningTheMergedSetEqualsWideningEveryInterval(@ForAll("intervals") List<Interval> intervals,
            @ForAll("buffers") Duration before, @ForAll("buffers") Duration after) {
        assertThat(IntervalSet.of(intervals).widen(before, after))
                .isEqualTo(IntervalSet.of(intervals.stream().map(i -> i.widen(before, after)).toList()));
    }

    @Provide
    Arbitrary<Duration> buffers() {
        return Arbitraries.integers().between(0, 60).map(Duration::ofMinutes);
    }

    private static boolean contains(Interval interval, Instant t) {
        return !t.isBefore(interval.start()) && t.isBefore(interval.end());
    }

    /** Every endpoint and the instants just around it: where membership can change. */
    @SafeVarargs
    private static List<Instant> probes(List<Interval>... lists) {
        return Stream.of(lists).flatMap(List::stream).flatMap(i -> Stream.of(i.start(), i.end()))
                .flatMap(t -> Stream.of(t.minusSeconds(30), t, t.plusSeconds(30))).distinct().toList();
    }
}
