package io.calsync.contracts;

import java.time.Instant;

/**
 * How fresh the blocked slots of one calendar are: {@code lastSuccessAt} is the last poll that completed. Keyed
 * by {@code accountId/calendarId}; availability answers quote it.
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
        String error) implements IntegrationEvent {

    public CalendarSyncStatusReported {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(accountId, "accountId");
        Require.id(calendarId, "calendarId");
        Require.present(state, "state");
        Require.present(lastAttemptAt, "lastAttemptAt");
        Require.optionalText(error, "error");
    }

    @Override
    public String key() {
        return Topics.calendarKey(accountId, calendarId);
    }
}
