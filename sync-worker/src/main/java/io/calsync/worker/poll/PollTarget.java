package io.calsync.worker.poll;

import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.CalendarSyncState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A selected calendar claimed for polling, with what the last poll left behind.
 *
 * @param publishedWith what the published slots were computed with (role, rules, zone): when it differs from
 *     {@link #computation()}, the slots are computed again from the stored resources
 * @param reportedState the state last published in {@code calendar.sync-status}, and when
 * @param collectionZone the collection's RFC 4791 {@code calendar-timezone} as read at its first sync, or null
 * @param ownAddresses the account's calendar user addresses as read at the first sync (null before it)
 */
record PollTarget(
        UUID accountId,
        String calendarId,
        String tenantId,
        String userId,
        CalendarRole role,
        String syncToken,
        String ctag,
        boolean supportsSync,
        LocalDate windowStart,
        String publishedWith,
        Instant lastSuccessAt,
        int failures,
        CalendarSyncState reportedState,
        Instant reportedAt,
        String collectionZone,
        List<String> ownAddresses) {

    PollTarget withRole(CalendarRole now) {
        return new PollTarget(accountId, calendarId, tenantId, userId, now, syncToken, ctag, supportsSync, windowStart,
                publishedWith, lastSuccessAt, failures, reportedState, reportedAt, collectionZone, ownAddresses);
    }

    /** The same calendar with what its first sync read of the collection and the account. */
    PollTarget withFirstSync(String zone, List<String> addresses) {
        return new PollTarget(accountId, calendarId, tenantId, userId, role, syncToken, ctag, supportsSync, windowStart,
                publishedWith, lastSuccessAt, failures, reportedState, reportedAt, zone, List.copyOf(addresses));
    }

    /** What the slots of this calendar are computed with now. */
    String computation() {
        return "role=" + role + ";rules=" + BusyRules.DEFAULT + ";zone=" + collectionZone;
    }
}
