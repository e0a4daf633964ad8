package io.calsync.worker.domain;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.AppointmentRescheduled;
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

    /** The desired state an appointment event asks for: the whole new state, or cancelled. */
    public static Appointment of(AppointmentEvent event) {
        if (event instanceof AppointmentBooked b) {
            return new Appointment(b.tenantId(), b.userId(), b.appointmentId(), b.revision(), false, b.start(), b.end(),
                    b.timeZone(), b.title(), b.description(), b.location());
        }
        if (event instanceof AppointmentRescheduled r) {
            return new Appointment(r.tenantId(), r.userId(), r.appointmentId(), r.revision(), false, r.start(), r.end(),
                    r.timeZone(), r.title(), r.description(), r.location());
        }
        AppointmentCancelled c = (AppointmentCancelled) event;
        return new Appointment(c.tenantId(), c.userId(), c.appointmentId(), c.revision(), true, null, null, null, null,
                null, null);
    }
}
