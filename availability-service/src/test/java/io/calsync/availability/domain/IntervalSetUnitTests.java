package io.calsync.availability.domain;

import static io.calsync.availability.domain.Times.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class IntervalSetUnitTests {

    private static final Interval DAY = utc("2026-12-01T00:00", "2026-12-02T00:00");

    @Test
    void overlappingAndTouchingIntervalsMergeInOrder() {
        IntervalSet set = IntervalSet.of(utc("2026-12-01T13:00", "2026-12-01T14:00"),
                utc("2026-12-01T09:00", "2026-12-01T10:00"), utc("2026-12-01T09:30", "2026-12-01T11:00"),
                utc("2026-12-01T11:00", "2026-12-01T11:30"));

        assertThat(set.intervals()).containsExactly(utc("2026-12-01T09:00", "2026-12-01T11:30"),
                utc("2026-12-01T13:00", "2026-12-01T14:00"));
        assertThat(set.totalLength()).isEqualTo(Duration.ofMinutes(210));
    }

    @Test
    void unionIntersectionAndDifference() {
        IntervalSet a = IntervalSet.of(utc("2026-12-01T09:00", "2026-12-01T12:00"));
        IntervalSet b = IntervalSet.of(utc("2026-12-01T11:00", "2026-12-01T13:00"),
                utc("2026-12-01T15:00", "2026-12-01T16:00"));

        assertThat(a.union(b).intervals()).containsExactly(utc("2026-12-01T09:00", "2026-12-01T13:00"),
                utc("2026-12-01T15:00", "2026-12-01T16:00"));
        assertThat(a.intersection(b).intervals()).containsExactly(utc("2026-12-01T11:00", "2026-12-01T12:00"));
        assertThat(a.minus(b).intervals()).containsExactly(utc("2026-12-01T09:00", "2026-12-01T11:00"));
    }

    @Test
    void complementWithinAWindowIsTheFreeTimeOfThatWindow() {
        IntervalSet busy = IntervalSet.of(utc("2026-11-30T22:00", "2026-12-01T02:00"),
                utc("2026-12-01T12:00", "2026-12-01T13:00"));

        assertThat(busy.complementWithin(DAY).intervals()).containsExactly(
                utc("2026-12-01T02:00", "2026-12-01T12:00"), utc("2026-12-01T13:00", "2026-12-02T00:00"));
        assertThat(IntervalSet.empty().complementWithin(DAY)).isEqualTo(IntervalSet.of(DAY));
    }

    @Test
    void wideningGrowsEachIntervalAndMergesThoseThatNowMeet() {
        IntervalSet busy = IntervalSet.of(utc("2026-12-01T09:00", "2026-12-01T10:00"),
                utc("2026-12-01T10:20", "2026-12-01T11:00"));

        assertThat(busy.widen(Duration.ofMinutes(10), Duration.ofMinutes(10)).intervals())
                .containsExactly(utc("2026-12-01T08:50", "2026-12-01T11:10"));
        assertThat(busy.widen(Duration.ofMinutes(5), Duration.ofMinutes(5)).intervals())
                .containsExactly(utc("2026-12-01T08:55", "2026-12-01T10:05"), utc("2026-12-01T10:15", "2026-12-01T11:05"));
        assertThatThrownBy(() -> busy.widen(Duration.ofMinutes(-1), Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void touchingIsNeitherOverlapNorConflict() {
        IntervalSet busy = IntervalSet.of(utc("2026-12-01T09:00", "2026-12-01T10:00"));

        assertThat(busy.overlaps(utc("2026-12-01T10:00", "2026-12-01T10:30"))).isFalse();
        assertThat(busy.overlaps(utc("2026-12-01T08:30", "2026-12-01T09:00"))).isFalse();
        assertThat(busy.overlaps(utc("2026-12-01T09:59", "2026-12-01T10:30"))).isTrue();
        assertThat(busy.encloses(utc("2026-12-01T09:00", "2026-12-01T10:00"))).isTrue();
        assertThat(busy.encloses(utc("2026-12-01T09:00", "2026-12-01T10:01"))).isFalse();
        assertThat(busy.contains(utc("2026-12-01T10:00"))).isFalse();
    }

    @Test
    void clippingKeepsOnlyTheWindow() {
        IntervalSet busy = IntervalSet.of(utc("2026-11-30T22:00", "2026-12-01T02:00"),
                utc("2026-12-01T23:00", "2026-12-02T01:00"));

        assertThat(busy.clip(DAY).intervals()).containsExactly(utc("2026-12-01T00:00", "2026-12-01T02:00"),
                utc("2026-12-01T23:00", "2026-12-02T00:00"));
        assertThat(busy.clip(DAY).span()).contains(DAY);
    }

    @Test
    void anIntervalIsNeverEmptyOrInverted() {
        assertThatThrownBy(() -> utc("2026-12-01T10:00", "2026-12-01T10:00"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Interval.window(utc("2026-12-01T10:00"), utc("2026-12-01T09:00")))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("to"));
    }
}
