package io.calsync.availability.answers;

import java.time.Instant;

/**
 * One source calendar of the user.
 *
 * @param state OK, FAILING, PAUSED (waits for the user's new credentials) or STOPPED (no longer read)
 * @param lastSuccessAt the last sync whose slots are all materialized here; never ahead of the data
 * @param stale not synced successfully within the tenant's threshold (or never)
 * @param failing its reading fails (FAILING) or waits for the user (PAUSED)
 */
public record CalendarView(String accountId, String calendarId, String role, String state, Instant lastSuccessAt,
        boolean stale, boolean failing, String error) {
}
