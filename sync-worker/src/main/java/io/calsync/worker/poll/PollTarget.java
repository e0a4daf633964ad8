package io.calsync.worker.poll;

import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.CalendarSyncState;
import io.calsync.worker.ical.CalendarZone;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

/**
 * A selected calendar claimed for polling, with what the last poll left behind.
 *
 * @param publishedWith what the published slots were computed with (role, rules, zones): when it differs from
 *     {@link #computation()}, the slots are computed again from the stored resources
 * @param reportedState the state last published in {@code calendar.sync-status}, and when
 * @param collectionZone the collection's RFC 4791 {@code calendar-timezone} as read at its first sync, or null
 * @param ownAddresses the account's calendar user addresses as read at the first sync (null before it)
 * @param rules the calendar's busy rules, as the configuration sets them
 * @param userZone the zone the user set for the calendar (IANA id), or null
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
        List<String> ownAddresses,
        BusyRules rules,
        String userZone) {

    /** The same calendar read as its configuration says at this moment. */
    PollTarget withSettings(CalendarRole nowRole, BusyRules nowRules, String nowUserZone) {
        return new PollTarget(accountId, calendarId, tenantId, userId, nowRole, syncToken, ctag, supportsSync,
                windowStart, publishedWith, lastSuccessAt, failures, reportedState, reportedAt, collectionZone,
                ownAddresses, nowRules, nowUserZone);
    }

    /** The same calendar with what its first sync read of the collection and the account. */
    PollTarget withFirstSync(String zone, List<String> addresses) {
        return new PollTarget(accountId, calendarId, tenantId, userId, role, syncToken, ctag, supportsSync, windowStart,
                publishedWith, lastSuccessAt, failures, reportedState, reportedAt, zone, List.copyOf(addresses),
                rules, userZone);
    }

    /**
     * The zone floating times and all-day dates are read in: the collection's, else (per resource) X-WR-TIMEZONE,
     * else the user's, else UTC. A zone the JDK no longer knows counts as absent rather than stopping the calendar.
     */
    CalendarZone zone() {
        ZoneId user = zoneOrNull(userZone);
        return new CalendarZone(zoneOrNull(collectionZone), user == null ? ZoneOffset.UTC : user);
    }

    /** What the slots of this calendar are computed with now; the window is compared separately. */
    String computation() {
        return "role=" + role + ";rules=" + rules + ";zone=" + collectionZone + ";userZone=" + userZone;
    }

    private static ZoneId zoneOrNull(String id) {
        if (id == null) {
            return null;
        }
        try {
            return ZoneId.of(id);
        } catch (DateTimeException unknown) {
            return null;
        }
    }
}
