package io.calsync.availability.domain;

import java.util.ArrayList;
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

    public static <U> TeamSlots<U> combine(Map<U, List<Interval>> slotsByUser, TeamMode mode, int maxResults) {
        if (slotsByUser.isEmpty()) {
            throw new InvalidFieldException("users", "must name at least one user");
        }
        if (slotsByUser.size() > MAX_USERS) {
            throw new InvalidFieldException("users", "at most " + MAX_USERS + " users at once");
        }
        if (maxResults < 1 || maxResults > FreeSlotQuery.MAX_RESULTS) {
            throw new InvalidFieldException("maxResults", "must be between 1 and " + FreeSlotQuery.MAX_RESULTS);
        }
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
