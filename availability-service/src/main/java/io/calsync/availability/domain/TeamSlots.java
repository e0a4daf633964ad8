package io.calsync.availability.domain;

import java.util.List;

/**
 * A team's slots in ascending order.
 *
 * @param truncated more would have followed had {@code maxResults} allowed
 */
public record TeamSlots<U>(List<TeamSlot<U>> slots, boolean truncated) {

    public TeamSlots {
        slots = List.copyOf(slots);
    }
}
