package io.calsync.availability.domain;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of one source calendar of a user.
 *
 * @param calendar the caller's name for it (account and calendar id)
 * @param lastSuccess when it was last synced successfully, if ever
 */
public record CalendarStatus<C>(C calendar, CalendarState state, Optional<Instant> lastSuccess) {

    public CalendarStatus {
        Objects.requireNonNull(calendar, "calendar");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(lastSuccess, "lastSuccess");
    }
}
