package io.calsync.availability.domain;

import java.time.Instant;
import java.util.Optional;

/**
 * One source calendar as an answer reports it.
 *
 * @param stale still a source, and not synced successfully within the tenant's threshold (or never)
 * @param failing its reading fails or waits for the user ({@link CalendarState#FAILING}, {@link CalendarState#PAUSED})
 */
public record CalendarFreshness<C>(C calendar, CalendarState state, Optional<Instant> lastSuccess, boolean stale,
        boolean failing) {
}
