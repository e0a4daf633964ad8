package io.calsync.contracts;

import java.time.Instant;

/** An appointment was booked in the platform for {@code [start, end)}, shown in {@code timeZone}. */
public record AppointmentBooked(
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

    public AppointmentBooked {
        Require.appointment(tenantId, userId, appointmentId, revision, start, end, timeZone, title, description,
                location);
    }
}
