package io.calsync.availability.domain;

import java.util.List;

/**
 * The answer: slots or free periods in ascending order.
 *
 * @param truncated more would have followed had {@code maxResults} allowed
 */
public record FreeSlots(List<Interval> slots, boolean truncated) {

    public FreeSlots {
        slots = List.copyOf(slots);
    }
}
