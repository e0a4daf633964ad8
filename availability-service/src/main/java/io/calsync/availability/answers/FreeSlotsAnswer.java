package io.calsync.availability.answers;

import java.time.Instant;
import java.util.List;

/**
 * Bookable slots (format SLOTS) or free periods long enough for the duration (PERIODS), by start.
 *
 * @param timeZone the zone of the step grid and of maxPerDay's days
 * @param truncated more would have followed had maxResults allowed
 */
public record FreeSlotsAnswer(Instant from, Instant to, String format, String timeZone, List<Period> slots,
        boolean truncated, FreshnessView freshness) {
}
