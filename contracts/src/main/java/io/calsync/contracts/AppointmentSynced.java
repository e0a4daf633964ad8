package io.calsync.contracts;

import java.time.Instant;

/** The Primary Calendar now shows revision {@code revision} of the appointment (or no longer shows it). */
public record AppointmentSynced(
        String tenantId,
        String userId,
        String appointmentId,
        long revision,
        SyncAction action,
        String accountId,
        String calendarId,
        String href,
        String etag,
        Instant syncedAt) implements AppointmentSyncEvent {

    public AppointmentSynced {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(appointmentId, "appointmentId");
        Require.revision(revision);
        Require.present(action, "action");
        Require.id(accountId, "accountId");
        Require.id(calendarId, "calendarId");
        Require.text(href, "href");
        Require.optionalText(etag, "etag");
        Require.present(syncedAt, "syncedAt");
    }
}
