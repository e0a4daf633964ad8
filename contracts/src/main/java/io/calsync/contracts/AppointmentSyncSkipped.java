package io.calsync.contracts;

/** Revision {@code revision} was not pushed, on purpose; see {@link SkipReason}. */
public record AppointmentSyncSkipped(
        String tenantId,
        String userId,
        String appointmentId,
        long revision,
        SkipReason reason) implements AppointmentSyncEvent {

    public AppointmentSyncSkipped {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(appointmentId, "appointmentId");
        Require.revision(revision);
        Require.present(reason, "reason");
    }
}
