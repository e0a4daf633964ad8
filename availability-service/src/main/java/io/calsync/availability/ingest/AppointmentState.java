package io.calsync.availability.ingest;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.AppointmentRescheduled;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An appointment as the highest revision seen describes it. A cancellation keeps the times and title it had (an
 * older revision of the same batch supplies them, else the stored row), as applying the records one by one would.
 */
record AppointmentState(String tenantId, String appointmentId, String userId, long revision, boolean cancelled,
        Instant start, Instant end, String title) {

    static AppointmentState of(AppointmentEvent event) {
        if (event instanceof AppointmentBooked b) {
            return new AppointmentState(b.tenantId(), b.appointmentId(), b.userId(), b.revision(), false, b.start(),
                    b.end(), b.title());
        }
        if (event instanceof AppointmentRescheduled r) {
            return new AppointmentState(r.tenantId(), r.appointmentId(), r.userId(), r.revision(), false, r.start(),
                    r.end(), r.title());
        }
        AppointmentCancelled c = (AppointmentCancelled) event;
        return new AppointmentState(c.tenantId(), c.appointmentId(), c.userId(), c.revision(), true, null, null, null);
    }

    /** This state, then {@code later}: a higher revision wins, missing fields carried over; a lower one changes nothing. */
    AppointmentState then(AppointmentState later) {
        if (later.revision <= revision) {
            return this;
        }
        return new AppointmentState(later.tenantId, later.appointmentId, later.userId, later.revision, later.cancelled,
                later.start != null ? later.start : start, later.end != null ? later.end : end,
                later.title != null ? later.title : title);
    }

    /** One state per appointment: the batch folded in order. */
    static Collection<AppointmentState> fold(List<AppointmentEvent> events) {
        Map<List<String>, AppointmentState> states = new LinkedHashMap<>();
        for (AppointmentEvent event : events) {
            states.merge(List.of(event.tenantId(), event.appointmentId()), of(event), AppointmentState::then);
        }
        return states.values();
    }
}
