package io.calsync.availability.busy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class IntervalsUnitTests {

    private static final Instant FROM = Instant.parse("2026-12-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2026-12-02T00:00:00Z");

    private static BusySource source(String id, String start, String end) {
        return new BusySource("ICLOUD", id, null, null, null, Instant.parse("2026-12-01T" + start + ":00Z"),
                Instant.parse("2026-12-01T" + end + ":00Z"), null);
    }

    @Test
    void overlappingAndTouchingIntervalsMergeAndKeepAllTheirSources() {
        List<BusyInterval> busy = Intervals.merge(List.of(
                source("c", "13:00", "14:00"), source("a", "09:00", "10:00"), source("b", "09:30", "11:00"),
                source("d", "11:00", "11:30")), FROM, TO);

        assertThat(busy).hasSize(2);
        assertThat(busy.get(0).start()).isEqualTo(Instant.parse("2026-12-01T09:00:00Z"));
        assertThat(busy.get(0).end()).isEqualTo(Instant.parse("2026-12-01T11:30:00Z"));
        assertThat(busy.get(0).sources()).extracting(BusySource::id).containsExactly("a", "b", "d");
        assertThat(busy.get(1).sources()).extracting(BusySource::id).containsExactly("c");
    }

    @Test
    void intervalsAreClippedToTheWindow() {
        List<BusyInterval> busy = Intervals.merge(List.of(
                new BusySource("ICLOUD", "night", null, null, null, Instant.parse("2026-11-30T22:00:00Z"),
                        Instant.parse("2026-12-01T02:00:00Z"), null)), FROM, TO);

        assertThat(busy).singleElement().satisfies(b -> {
            assertThat(b.start()).isEqualTo(FROM);
            assertThat(b.end()).isEqualTo(Instant.parse("2026-12-01T02:00:00Z"));
        });
    }

    @Test
    void containedIntervalsDoNotShortenTheOuterOne() {
        List<BusyInterval> busy = Intervals.merge(List.of(source("outer", "08:00", "12:00"),
                source("inner", "09:00", "10:00")), FROM, TO);

        assertThat(busy).singleElement().extracting(BusyInterval::end).isEqualTo(Instant.parse("2026-12-01T12:00:00Z"));
    }

    @Test
    void nothingOutsideTheWindowAndNothingEmpty() {
        assertThat(Intervals.merge(List.of(source("empty", "09:00", "09:00")), FROM, TO)).isEmpty();
        assertThat(Intervals.merge(List.of(), FROM, TO)).isEmpty();
        assertThat(Intervals.merge(List.of(new BusySource("ICLOUD", "before", null, null, null,
                Instant.parse("2026-11-30T08:00:00Z"), FROM, null)), FROM, TO)).isEmpty();
    }
}
