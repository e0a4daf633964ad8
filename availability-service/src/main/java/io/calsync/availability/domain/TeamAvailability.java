package io.calsync.availability.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Combines the slots of several users. Each user's slots come from the same {@link FreeSlotQuery} (same window,
 * duration, step and zone, so the same grid) computed without a result limit; a team slot is a slot that enough of
 * them share exactly. Mode {@code all} gives the intersection of the users' slots, {@code any} their union.
 */
public final class TeamAvailability {

    public static final int MAX_USERS = 50;

    private TeamAvailability() {
    }

    /**
     * The team's slots from each user's free time ({@link FreeSlotFinder#freeTime}, computed with the same query):
     * the same as {@link #combine} of the users' slot lists, without ever holding those lists (90 days of 5-minute
     * slots for 50 users would be 1.3 million). Walks the step grid over the time in which anyone is free and stops
     * after {@code query.maxResults()} slots.
     */
    public static <U> TeamSlots<U> find(Map<U, IntervalSet> freeTimeByUser, FreeSlotQuery query, TeamMode mode) {
        check(freeTimeByUser.size(), query.maxResults());
        int required = mode.required(freeTimeByUser.size());
        List<U> users = new ArrayList<>(freeTimeByUser.keySet());
        List<List<Interval>> free = users.stream().map(u -> freeTimeByUser.get(u).intervals()).toList();
        // slots come in ascending order, so each user's free stretches are walked once: a stretch that ends before
        // a slot ends can hold no later slot either
        int[] next = new int[users.size()];
        IntervalSet anyone = freeTimeByUser.values().stream().reduce(IntervalSet.empty(), IntervalSet::union);
        StepGrid grid = new StepGrid(query.zone(), query.step());
        List<TeamSlot<U>> offered = new ArrayList<>();
        for (Interval period : anyone.intervals()) {
            if (period.length().compareTo(query.duration()) < 0) {
                continue;
            }
            Iterator<Instant> starts = grid.between(period.start(), period.end().minus(query.duration()).plusNanos(1))
                    .iterator();
            while (starts.hasNext()) {
                Interval slot = Interval.of(starts.next(), query.duration());
                List<U> freeForIt = new ArrayList<>();
                for (int u = 0; u < users.size(); u++) {
                    List<Interval> stretches = free.get(u);
                    while (next[u] < stretches.size() && stretches.get(next[u]).end().isBefore(slot.end())) {
                        next[u]++;
                    }
                    if (next[u] < stretches.size() && stretches.get(next[u]).encloses(slot)) {
                        freeForIt.add(users.get(u));
                    }
                }
                if (freeForIt.size() < required) {
                    continue;
                }
                if (offered.size() == query.maxResults()) {
                    return new TeamSlots<>(offered, true);
                }
                offered.add(new TeamSlot<>(slot, freeForIt));
            }
        }
        return new TeamSlots<>(offered, false);
    }

    private static void check(int users, int maxResults) {
        if (users == 0) {
            throw new InvalidFieldException("users", "must name at least one user");
        }
        if (users > MAX_USERS) {
            throw new InvalidFieldException("users", "at most " + MAX_USERS + " users at once");
        }
        if (maxResults < 1 || maxResults > FreeSlotQuery.MAX_RESULTS) {
            throw new InvalidFieldException("maxResults", "must be between 1 and " + FreeSlotQuery.MAX_RESULTS);
        }
    }

    public static <U> TeamSlots<U> combine(Map<U, List<Interval>> slotsByUser, TeamMode mode, int maxResults) {
        check(slotsByUser.size(), maxResults);
        int required = mode.required(slotsByUser.size());
        TreeMap<Interval, LinkedHashSet<U>> freeBySlot = new TreeMap<>();
        slotsByUser.forEach((user, slots) -> slots
                .forEach(slot -> freeBySlot.computeIfAbsent(slot, s -> new LinkedHashSet<>()).add(user)));
        List<TeamSlot<U>> offered = new ArrayList<>();
        for (Map.Entry<Interval, LinkedHashSet<U>> slot : freeBySlot.entrySet()) {
            if (slot.getValue().size() < required) {
                continue;
            }
            if (offered.size() == maxResults) {
                return new TeamSlots<>(offered, true);
            }
            offered.add(new TeamSlot<>(slot.getKey(), List.copyOf(slot.getValue())));
        }
        return new TeamSlots<>(offered, false);
    }
}
