package io.calsync.worker.push;

import java.time.Instant;

/** The state the platform wants an appointment to have in the user's Primary Calendar. */
public record Appointment(
        String tenantId,
        String userId,
        String appointmentId,
        long revision,
        boolean cancelled,
        Instant start,
        Instant end,
        String timeZone,
        String title,
        String description,
        String location) {
}
