package io.calsync.availability.busy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Interval arithmetic on half-open {@code [start, end)} intervals. Pure. */
public final class Intervals {

    private Intervals() {
    }

    /**
     * Merges overlapping and touching sources into maximal busy intervals, clipped to {@code [from, to)}, in
     * order. Each interval lists every source that contributes to it.
     */
    public static List<BusyInterval> merge(List<BusySource> sources, Instant from, Instant to) {
        List<BusySource> sorted = sources.stream()
                .filter(s -> s.end().isAfter(from) && s.start().isBefore(to) && s.end().isAfter(s.start()))
                .sorted(Comparator.comparing(BusySource::start).thenComparing(BusySource::end))
                .toList();
        List<BusyInterval> merged = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        List<BusySource> current = new ArrayList<>();
        for (BusySource source : sorted) {
            if (start != null && !source.start().isAfter(end)) {
                end = max(end, source.end());
                current.add(source);
                continue;
            }
            if (start != null) {
                merged.add(new BusyInterval(max(start, from), min(end, to), List.copyOf(current)));
            }
            start = source.start();
            end = source.end();
            current = new ArrayList<>(List.of(source));
        }
        if (start != null) {
            merged.add(new BusyInterval(max(start, from), min(end, to), List.copyOf(current)));
        }
        return merged;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
