package io.calsync.contracts;

import java.time.Instant;

/** An appointment changed: new time, title, description or location. Carries the whole new state. */
public record AppointmentRescheduled(
        String tenantId,
        String userId,
        String appointmentId,
        long revision,
        Instant start,
        Instant end,
        String timeZone,
        String title,
        String description,
        String location) implements AppointmentEvent {

    public AppointmentRescheduled {
        Require.appointment(tenantId, userId, appointmentId, revision, start, end, timeZone, title, description,
                location);
    }
}
