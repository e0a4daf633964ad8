package io.calsync.availability.domain;

import static io.calsync.availability.domain.Times.utc;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BusyTimeUnitTests {

    private static final Interval DAY = utc("2026-12-01T00:00", "2026-12-02T00:00");

    private static BusyItem<String> item(String source, String start, String end) {
        return new BusyItem<>(utc("2026-12-01T" + start, "2026-12-01T" + end), source);
    }

    @Test
    void eachMergedStretchNamesEveryItemThatMakesIt() {
        BusyTime<String> busy = BusyTime.of(List.of(item("c", "13:00", "14:00"), item("a", "09:00", "10:00"),
                item("b", "09:30", "11:00"), item("d", "11:00", "11:30")));

        assertThat(busy.explain(DAY)).containsExactly(
                new BusyStretch<>(utc("2026-12-01T09:00", "2026-12-01T11:30"), List.of("a", "b", "d")),
                new BusyStretch<>(utc("2026-12-01T13:00", "2026-12-01T14:00"), List.of("c")));
    }

    @Test
    void stretchesAreClippedToTheWindowAndItemsOutsideItAreLeftOut() {
        BusyTime<String> busy = BusyTime.of(List.of(
                new BusyItem<>(utc("2026-11-30T22:00", "2026-12-01T02:00"), "night"),
                new BusyItem<>(utc("2026-11-30T10:00", "2026-11-30T11:00"), "yesterday")));

        assertThat(busy.explain(DAY)).containsExactly(
                new BusyStretch<>(utc("2026-12-01T00:00", "2026-12-01T02:00"), List.of("night")));
    }

    @Test
    void overlappingItemsAreThoseSharingTime() {
        BusyTime<String> busy = BusyTime.of(List.of(item("a", "09:00", "10:00"), item("b", "10:00", "11:00")));

        assertThat(busy.overlapping(utc("2026-12-01T09:30", "2026-12-01T10:00")))
                .extracting(BusyItem::source).containsExactly("a");
    }
}
