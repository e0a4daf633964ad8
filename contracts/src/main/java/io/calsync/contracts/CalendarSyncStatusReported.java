package io.calsync.contracts;

import java.time.Instant;

/**
 * How fresh the blocked slots of one calendar are: {@code lastSuccessAt} is the last poll that completed. Keyed
 * by {@code accountId/calendarId}; availability answers quote it.
 *
 * <p>{@code slotDigest} (optional; older producers omit it) is the {@link SlotDigest} of the calendar's published
 * slots as of the poll that {@code lastSuccessAt} reports. The status travels on another topic than the slots and
 * may arrive first: a consumer reports the calendar synced at {@code lastSuccessAt} only once the slots it holds
 * for the calendar have this digest.
 */
public record CalendarSyncStatusReported(
        String tenantId,
        String userId,
        String accountId,
        String calendarId,
        CalendarRole role,
        CalendarSyncState state,
        Instant lastSuccessAt,
        Instant lastAttemptAt,
        String error,
        String slotDigest) implements IntegrationEvent {

    public CalendarSyncStatusReported {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(accountId, "accountId");
        Require.id(calendarId, "calendarId");
        Require.present(state, "state");
        Require.present(lastAttemptAt, "lastAttemptAt");
        Require.optionalText(error, "error");
        if (slotDigest != null) {
            SlotDigest.parse(slotDigest);
        }
    }

    /** A status without a slot digest, as producers before it sent them. */
    public CalendarSyncStatusReported(String tenantId, String userId, String accountId, String calendarId,
            CalendarRole role, CalendarSyncState state, Instant lastSuccessAt, Instant lastAttemptAt, String error) {
        this(tenantId, userId, accountId, calendarId, role, state, lastSuccessAt, lastAttemptAt, error, null);
    }

    @Override
    public String key() {
        return Topics.calendarKey(accountId, calendarId);
    }
}
