package io.calsync.availability.domain;

import com.google.common.collect.Range;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A user's busy items together with the merged time they cover, so that merged answers can still be explained. */
public final class BusyTime<S> {

    private final List<BusyItem<S>> items;
    private final IntervalSet covered;

    private BusyTime(List<BusyItem<S>> items) {
        this.items = items;
        this.covered = IntervalSet.of(items.stream().map(BusyItem::interval).toList());
    }

    public static <S> BusyTime<S> of(Collection<BusyItem<S>> items) {
        List<BusyItem<S>> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparing(BusyItem::interval));
        return new BusyTime<>(List.copyOf(sorted));
    }

    public List<BusyItem<S>> items() {
        return items;
    }

    /** The merged busy time. */
    public IntervalSet intervals() {
        return covered;
    }

    /** The items sharing some instant with {@code interval}; touching ones do not count. */
    public List<BusyItem<S>> overlapping(Interval interval) {
        return items.stream().filter(item -> item.interval().overlaps(interval)).toList();
    }

    /**
     * The merged busy stretches inside {@code window}, clipped to it, each with the sources of the items that make
     * it (an item is named by every stretch it reaches into; after clipping that is exactly one).
     */
    public List<BusyStretch<S>> explain(Interval window) {
        Map<Range<Instant>, List<S>> sourcesByStretch = new LinkedHashMap<>();
        for (BusyItem<S> item : overlapping(window)) {
            Range<Instant> stretch = covered.rangeContaining(item.interval().start());
            sourcesByStretch.computeIfAbsent(stretch, s -> new ArrayList<>()).add(item.source());
        }
        List<BusyStretch<S>> stretches = new ArrayList<>();
        sourcesByStretch.forEach((stretch, sources) -> stretches.add(new BusyStretch<>(
                IntervalSet.of(Interval.of(stretch)).clip(window).intervals().get(0), sources)));
        stretches.sort(Comparator.comparing(BusyStretch::interval));
        return stretches;
    }
}
