package io.calsync.availability.ingest;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.AppointmentRescheduled;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import java.sql.Timestamp;
import java.time.Instant;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Applies one event to the materialized tables. Each method is idempotent. */
@Component
class Materializer {

    private final JdbcClient jdbc;

    Materializer(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void apply(AppointmentEvent event) {
        boolean cancelled = event instanceof AppointmentCancelled;
        Instant start = null;
        Instant end = null;
        String title = null;
        if (event instanceof AppointmentBooked b) {
            start = b.start();
            end = b.end();
            title = b.title();
        } else if (event instanceof AppointmentRescheduled r) {
            start = r.start();
            end = r.end();
            title = r.title();
        }
        jdbc.sql("""
                INSERT INTO appointment (tenant_id, appointment_id, user_id, revision, cancelled, start_at, end_at, title)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (tenant_id, appointment_id) DO UPDATE SET revision = EXCLUDED.revision,
                    cancelled = EXCLUDED.cancelled,
                    start_at = COALESCE(EXCLUDED.start_at, appointment.start_at),
                    end_at = COALESCE(EXCLUDED.end_at, appointment.end_at),
                    title = COALESCE(EXCLUDED.title, appointment.title)
                WHERE appointment.revision < EXCLUDED.revision""")
                .params(event.tenantId(), event.appointmentId(), event.userId(), event.revision(), cancelled,
                        timestamp(start), timestamp(end), title)
                .update();
    }

    void apply(SlotBlocked slot) {
        var origin = slot.origin();
        jdbc.sql("""
                INSERT INTO blocked_slot (slot_id, tenant_id, user_id, source, account_id, calendar_id, role, start_at,
                    end_at, all_day, title)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (slot_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, user_id = EXCLUDED.user_id,
                    source = EXCLUDED.source, account_id = EXCLUDED.account_id, calendar_id = EXCLUDED.calendar_id,
                    role = EXCLUDED.role, start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at,
                    all_day = EXCLUDED.all_day, title = EXCLUDED.title""")
                .params(slot.slotId(), slot.tenantId(), slot.userId(), slot.source().name(),
                        origin == null ? null : origin.accountId(), origin == null ? null : origin.calendarId(),
                        origin == null ? null : origin.role().name(), timestamp(slot.start()), timestamp(slot.end()),
                        slot.allDay(), slot.title())
                .update();
    }

    void apply(SlotReleased released) {
        forgetSlot(released.slotId());
    }

    void forgetSlot(String slotId) {
        jdbc.sql("DELETE FROM blocked_slot WHERE slot_id = ?").param(slotId).update();
    }

    void apply(CalendarSyncStatusReported status) {
        jdbc.sql("""
                INSERT INTO calendar_status (account_id, calendar_id, tenant_id, user_id, role, state, last_success_at,
                    last_attempt_at, error)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, calendar_id) DO UPDATE SET role = EXCLUDED.role, state = EXCLUDED.state,
                    last_success_at = COALESCE(EXCLUDED.last_success_at, calendar_status.last_success_at),
                    last_attempt_at = EXCLUDED.last_attempt_at, error = EXCLUDED.error
                WHERE calendar_status.last_attempt_at <= EXCLUDED.last_attempt_at""")
                .params(status.accountId(), status.calendarId(), status.tenantId(), status.userId(),
                        status.role() == null ? null : status.role().name(), status.state().name(),
                        timestamp(status.lastSuccessAt()), timestamp(status.lastAttemptAt()), status.error())
                .update();
    }

    void apply(IntegrationStatusChanged change) {
        jdbc.sql("""
                INSERT INTO account_status (account_id, tenant_id, user_id, status, reason, changed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason,
                    changed_at = EXCLUDED.changed_at
                WHERE account_status.changed_at <= EXCLUDED.changed_at""")
                .params(change.accountId(), change.tenantId(), change.userId(), change.status().name(),
                        change.reason(), timestamp(change.changedAt()))
                .update();
        if (change.status() == io.calsync.contracts.AccountStatus.DISCONNECTED) {
            jdbc.sql("UPDATE calendar_status SET state = 'STOPPED' WHERE account_id = ?").param(change.accountId()).update();
        }
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
