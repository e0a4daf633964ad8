package io.calsync.availability.domain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Builders;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;
import net.jqwik.api.Tuple.Tuple2;

/**
 * A random free-slot question with everything its answer depends on, drawn around the DST transitions of the zones
 * the tests care about, with working hours on the quarter hour and busy time on any minute.
 */
record Scenario(Interval window, ZoneId scheduleZone, boolean allDay, List<Set<Integer>> weeklyQuarters,
        Map<Integer, Set<Integer>> overrideQuarters, ZoneId gridZone, List<Interval> busy,
        List<Interval> appointments, Duration duration, Duration step, Duration bufferBefore, Duration bufferAfter,
        Duration minNotice, Instant now, Integer maxPerDay, SlotFormat format) {

    private static final List<ZoneId> ZONES = List.of(ZoneId.of("America/New_York"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("Australia/Sydney"), ZoneId.of("UTC"), ZoneId.of("Asia/Kathmandu"));
    /** A few days before each 2026 transition of New York, Berlin and Sydney, and one quiet week. */
    private static final List<Instant> STARTS = List.of("2026-03-06", "2026-03-27", "2026-04-03", "2026-10-02",
            "2026-10-23", "2026-10-30", "2026-06-10").stream()
            .map(d -> LocalDate.parse(d).atStartOfDay(ZoneOffset.UTC).toInstant()).toList();

    static Arbitrary<Scenario> scenarios() {
        return scenarios(Arbitraries.of(SlotFormat.values()));
    }

    static Arbitrary<Scenario> scenarios(Arbitrary<SlotFormat> formats) {
        Arbitrary<Interval> windows = Combinators.combine(Arbitraries.of(STARTS),
                Arbitraries.integers().between(0, 2 * 24 * 60), Arbitraries.integers().between(4 * 60, 5 * 24 * 60))
                .as((day, offset, length) -> Interval.of(day.plus(Duration.ofMinutes(offset)), Duration.ofMinutes(length)));
        Arbitrary<Set<Integer>> quarters = Arbitraries.integers().between(0, 96).set().ofMinSize(2).ofMaxSize(4);
        return Builders.withBuilder(Draft::new)
                .use(windows).in((d, v) -> { d.window = v; return d; })
                .use(Arbitraries.of(ZONES)).in((d, v) -> { d.scheduleZone = v; return d; })
                .use(Arbitraries.of(ZONES)).in((d, v) -> { d.gridZone = v; return d; })
                .use(Arbitraries.integers().between(0, 3)).in((d, v) -> { d.allDay = v == 0; return d; })
                .use(quarters.list().ofSize(7)).in((d, v) -> { d.weekly = v; return d; })
                .use(Arbitraries.maps(Arbitraries.integers().between(0, 5), quarters).ofMaxSize(2))
                .in((d, v) -> { d.overrides = v; return d; })
                .use(intervals(8)).in((d, v) -> { d.busy = v; return d; })
                .use(intervals(6)).in((d, v) -> { d.appointments = v; return d; })
                .use(Arbitraries.integers().between(1, 120)).in((d, v) -> { d.duration = Duration.ofMinutes(v); return d; })
                .use(Arbitraries.of(5, 10, 15, 20, 30, 45, 60, 90)).in((d, v) -> { d.step = Duration.ofMinutes(v); return d; })
                .use(minutes(0, 90)).in((d, v) -> { d.bufferBefore = v; return d; })
                .use(minutes(0, 90)).in((d, v) -> { d.bufferAfter = v; return d; })
                .use(minutes(0, 12 * 60)).in((d, v) -> { d.minNotice = v; return d; })
                .use(Arbitraries.integers().between(-24 * 60, 6 * 60)).in((d, v) -> { d.nowOffset = v; return d; })
                .use(Arbitraries.integers().between(1, 3).injectNull(0.5)).in((d, v) -> { d.maxPerDay = v; return d; })
                .use(formats).in((d, v) -> { d.format = v; return d; })
                .build(Draft::scenario);
    }

    /** Up to {@code max} intervals placed by minutes from the window's start (resolved in {@link Draft}). */
    private static Arbitrary<List<Tuple2<Integer, Integer>>> intervals(int max) {
        return Combinators.combine(Arbitraries.integers().between(-12 * 60, 6 * 24 * 60),
                Arbitraries.integers().between(1, 4 * 60)).as(Tuple::of).list().ofMaxSize(max);
    }

    private static Arbitrary<Duration> minutes(int min, int max) {
        return Arbitraries.integers().between(min, max).map(Duration::ofMinutes);
    }

    Schedule schedule() {
        if (allDay) {
            return Schedule.allDay(scheduleZone);
        }
        Schedule.Builder builder = Schedule.builder(scheduleZone);
        for (int day = 0; day < 7; day++) {
            int weekday = day;
            ranges(weeklyQuarters.get(day)).forEach(r -> builder.weekly(java.time.DayOfWeek.of(weekday + 1), r));
        }
        LocalDate first = LocalDate.ofInstant(window.start(), scheduleZone);
        overrideQuarters.forEach((offset, quarters) -> {
            builder.dayOff(first.plusDays(offset));
            ranges(quarters).forEach(r -> builder.override(first.plusDays(offset), r));
        });
        return builder.build();
    }

    /** Sorted distinct quarter hours paired up: {1, 5, 8, 96} → 00:15–01:15, 02:00–24:00. */
    private static List<DailyRange> ranges(Set<Integer> quarters) {
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(quarters));
        List<DailyRange> ranges = new ArrayList<>();
        for (int i = 0; i + 1 < sorted.size(); i += 2) {
            LocalTime start = LocalTime.ofSecondOfDay(sorted.get(i) * 900L);
            ranges.add(sorted.get(i + 1) == 96 ? DailyRange.untilEndOfDay(start)
                    : DailyRange.of(start, LocalTime.ofSecondOfDay(sorted.get(i + 1) * 900L)));
        }
        return ranges;
    }

    FreeSlotQuery query(int maxResults) {
        FreeSlotQuery.Builder builder = FreeSlotQuery.builder(window, duration, gridZone).step(step)
                .buffers(bufferBefore, bufferAfter).minNotice(minNotice).maxResults(maxResults).format(format);
        if (maxPerDay != null) {
            builder.maxPerDay(maxPerDay);
        }
        return builder.build();
    }

    FreeSlots answer() {
        return answer(FreeSlotQuery.MAX_RESULTS);
    }

    FreeSlots answer(int maxResults) {
        return new FreeSlotFinder(Clock.fixed(now, ZoneOffset.UTC))
                .find(query(maxResults), schedule(), IntervalSet.of(busy), appointments);
    }

    private static final class Draft {
        Interval window;
        ZoneId scheduleZone;
        ZoneId gridZone;
        boolean allDay;
        List<Set<Integer>> weekly;
        Map<Integer, Set<Integer>> overrides;
        List<Tuple2<Integer, Integer>> busy;
        List<Tuple2<Integer, Integer>> appointments;
        Duration duration;
        Duration step;
        Duration bufferBefore;
        Duration bufferAfter;
        Duration minNotice;
        int nowOffset;
        Integer maxPerDay;
        SlotFormat format;

        Scenario scenario() {
            Interval fitting = duration.compareTo(window.length()) > 0 ? Interval.of(window.start(), duration) : window;
            return new Scenario(fitting, scheduleZone, allDay, weekly, overrides, gridZone, place(busy, fitting),
                    place(appointments, fitting), duration, step, bufferBefore, bufferAfter, minNotice,
                    fitting.start().plus(Duration.ofMinutes(nowOffset)), maxPerDay, format);
        }

        private static List<Interval> place(List<Tuple2<Integer, Integer>> offsets, Interval window) {
            return offsets.stream().map(o -> Interval.of(window.start().plus(Duration.ofMinutes(o.get1())),
                    Duration.ofMinutes(o.get2()))).toList();
        }
    }
}
