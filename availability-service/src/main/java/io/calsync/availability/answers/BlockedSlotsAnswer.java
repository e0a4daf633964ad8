package io.calsync.availability.answers;

import java.time.Instant;
import java.util.List;

/** The blocked slots overlapping {@code [from, to)}, by start. */
public record BlockedSlotsAnswer(Instant from, Instant to, List<BlockedSlotView> slots, FreshnessView freshness) {
}
