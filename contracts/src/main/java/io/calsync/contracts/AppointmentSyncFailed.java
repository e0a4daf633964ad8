package io.calsync.contracts;

import java.time.Instant;

/**
 * Pushing revision {@code revision} failed. {@code willRetry} says whether calsync tries again on its own, and
 * {@code nextAttemptAt} when, if known. {@code detail} is for people and never contains credentials.
 */
public record AppointmentSyncFailed(
        String tenantId,
        String userId,
        String appointmentId,
        long revision,
        SyncFailureReason reason,
        String detail,
        boolean willRetry,
        Instant nextAttemptAt) implements AppointmentSyncEvent {

    public AppointmentSyncFailed {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(appointmentId, "appointmentId");
        Require.revision(revision);
        Require.present(reason, "reason");
        Require.optionalText(detail, "detail");
    }
}
