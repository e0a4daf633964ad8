package io.calsync.contracts;

/** An appointment was cancelled; it no longer takes time and leaves the user's calendar. */
public record AppointmentCancelled(
        String tenantId,
        String userId,
        String appointmentId,
        long revision,
        String reason) implements AppointmentEvent {

    public AppointmentCancelled {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(appointmentId, "appointmentId");
        Require.revision(revision);
        Require.optionalText(reason, "reason");
    }
}
