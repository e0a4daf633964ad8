package io.calsync.availability.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * A tenant's trust in synced data.
 *
 * @param staleAfter a calendar not synced successfully for longer than this is stale (default 15 minutes)
 * @param policy what a stale or failing calendar does (default {@link StalePolicy#BUSY})
 */
public record FreshnessSettings(Duration staleAfter, StalePolicy policy) {

    public static final FreshnessSettings DEFAULTS = new FreshnessSettings(Duration.ofMinutes(15), StalePolicy.BUSY);

    public FreshnessSettings {
        if (staleAfter == null || staleAfter.isZero() || staleAfter.isNegative()) {
            throw new InvalidFieldException("staleAfter", "must be positive");
        }
        if (policy == null) {
            throw new InvalidFieldException("policy", "is required (BUSY, LAST_KNOWN or FAIL)");
        }
    }
}
