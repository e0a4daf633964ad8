package io.calsync.availability.ingest;

import io.calsync.availability.domain.SyncConfirmation;
import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.IntegrationEvent;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotDigest;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Stores a batch of events in one transaction with a few multi-row statements. Every write is idempotent and
 * order-tolerant (highest appointment revision wins; a slot's last record wins; a calendar status older than the
 * stored one changes nothing), so replaying the topics gives the same state.
 *
 * <p>Freshness never runs ahead of the data ({@link SyncConfirmation}): a calendar's sync is confirmed once its
 * materialized slots have the digest its status reported. Slot batches and statuses of one calendar take the same
 * transaction-scoped advisory lock, so that neither misses what the other just wrote.
 */
@Component
class Materializer {

    private static final String UPSERT_APPOINTMENTS = """
            INSERT INTO appointment (tenant_id, appointment_id, user_id, revision, cancelled, start_at, end_at, title)
            SELECT t, a, u, r::bigint, c::boolean, s::timestamptz, e::timestamptz, ti
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS x(t, a, u, r, c, s, e, ti)
            ON CONFLICT (tenant_id, appointment_id) DO UPDATE SET revision = EXCLUDED.revision,
                cancelled = EXCLUDED.cancelled,
                start_at = COALESCE(EXCLUDED.start_at, appointment.start_at),
                end_at = COALESCE(EXCLUDED.end_at, appointment.end_at),
                title = COALESCE(EXCLUDED.title, appointment.title)
            WHERE appointment.revision < EXCLUDED.revision""";

    private static final String UPSERT_SLOTS = """
            INSERT INTO blocked_slot (slot_id, tenant_id, user_id, source, account_id, calendar_id, role, event_uid,
                recurrence_id, start_at, end_at, all_day, start_date, end_date, title, digest_hash)
            SELECT id, t, u, src, acc, cal, ro, uid, rid, s::timestamptz, e::timestamptz, ad::boolean, sd::date,
                ed::date, ti, h::bigint
            FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
                AS x(id, t, u, src, acc, cal, ro, uid, rid, s, e, ad, sd, ed, ti, h)
            ON CONFLICT (slot_id) DO UPDATE SET tenant_id = EXCLUDED.tenant_id, user_id = EXCLUDED.user_id,
                source = EXCLUDED.source, account_id = EXCLUDED.account_id, calendar_id = EXCLUDED.calendar_id,
                role = EXCLUDED.role, event_uid = EXCLUDED.event_uid, recurrence_id = EXCLUDED.recurrence_id,
                start_at = EXCLUDED.start_at, end_at = EXCLUDED.end_at, all_day = EXCLUDED.all_day,
                start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date, title = EXCLUDED.title,
                digest_hash = EXCLUDED.digest_hash""";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;

    Materializer(JdbcTemplate jdbc, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.transaction = transaction;
    }

    void applyAppointments(List<AppointmentEvent> events) {
        Collection<AppointmentState> states = AppointmentState.fold(events);
        TextColumns columns = new TextColumns(8);
        states.forEach(a -> columns.row(a.tenantId(), a.appointmentId(), a.userId(), String.valueOf(a.revision()),
                String.valueOf(a.cancelled()), text(a.start()), text(a.end()), a.title()));
        transaction.executeWithoutResult(t -> jdbc.update(UPSERT_APPOINTMENTS, columns::bind));
    }

    void applySlots(List<SlotChange> changes) {
        Collection<SlotChange> last = SlotChange.lastOfEach(changes);
        TextColumns ids = new TextColumns(1);
        TextColumns forgotten = new TextColumns(1);
        TextColumns blocked = new TextColumns(16);
        TreeSet<Calendar> touched = new TreeSet<>();
        for (SlotChange change : last) {
            ids.row(change.slotId());
            SlotBlocked slot = change.blocked();
            if (slot == null) {
                forgotten.row(change.slotId());
                continue;
            }
            var origin = slot.origin();
            blocked.row(slot.slotId(), slot.tenantId(), slot.userId(), slot.source().name(),
                    origin == null ? null : origin.accountId(), origin == null ? null : origin.calendarId(),
                    origin == null ? null : origin.role().name(), origin == null ? null : origin.eventUid(),
                    origin == null ? null : origin.recurrenceId(), text(slot.start()), text(slot.end()),
                    String.valueOf(slot.allDay()), slot.startDate(), slot.endDate(), slot.title(),
                    String.valueOf(change.digestHash()));
            if (origin != null) {
                touched.add(new Calendar(origin.accountId(), origin.calendarId()));
            }
        }
        transaction.executeWithoutResult(t -> {
            touched.addAll(jdbc.query("""
                    SELECT DISTINCT account_id, calendar_id FROM blocked_slot
                    WHERE slot_id = ANY(?::text[]) AND account_id IS NOT NULL""", ids::bind,
                    (rs, n) -> new Calendar(rs.getString(1), rs.getString(2))));
            lock(touched);
            if (!forgotten.isEmpty()) {
                jdbc.update("DELETE FROM blocked_slot WHERE slot_id = ANY(?::text[])", forgotten::bind);
            }
            if (!blocked.isEmpty()) {
                jdbc.update(UPSERT_SLOTS, blocked::bind);
            }
            settle(touched);
        });
    }

    void applyIntegrations(List<IntegrationEvent> events) {
        TreeSet<Calendar> calendars = new TreeSet<>();
        events.forEach(e -> {
            if (e instanceof CalendarSyncStatusReported status) {
                calendars.add(new Calendar(status.accountId(), status.calendarId()));
            }
        });
        transaction.executeWithoutResult(t -> {
            lock(calendars);
            for (IntegrationEvent event : events) {
                if (event instanceof CalendarSyncStatusReported status) {
                    apply(status);
                } else {
                    apply((IntegrationStatusChanged) event);
                }
            }
        });
    }

    private void apply(CalendarSyncStatusReported status) {
        Calendar calendar = new Calendar(status.accountId(), status.calendarId());
        List<StoredStatus> stored = jdbc.query("""
                SELECT last_attempt_at, last_success_at, slot_digest, pending_success_at, pending_digest
                FROM calendar_status WHERE account_id = ? AND calendar_id = ?""",
                (rs, n) -> new StoredStatus(rs.getTimestamp(1).toInstant(), new SyncConfirmation(instant(rs.getTimestamp(2)),
                        rs.getString(3), instant(rs.getTimestamp(4)), rs.getString(5))),
                calendar.accountId(), calendar.calendarId());
        if (!stored.isEmpty() && stored.get(0).lastAttemptAt().isAfter(status.lastAttemptAt())) {
            return;
        }
        SyncConfirmation before = stored.isEmpty() ? SyncConfirmation.NONE : stored.get(0).confirmation();
        SyncConfirmation after = before.report(status.lastSuccessAt(), status.slotDigest(),
                status.slotDigest() == null ? null : digest(calendar));
        jdbc.update("""
                INSERT INTO calendar_status (account_id, calendar_id, tenant_id, user_id, role, state, last_success_at,
                    last_attempt_at, error, slot_digest, pending_success_at, pending_digest)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, calendar_id) DO UPDATE SET role = EXCLUDED.role, state = EXCLUDED.state,
                    last_success_at = EXCLUDED.last_success_at, last_attempt_at = EXCLUDED.last_attempt_at,
                    error = EXCLUDED.error, slot_digest = EXCLUDED.slot_digest,
                    pending_success_at = EXCLUDED.pending_success_at, pending_digest = EXCLUDED.pending_digest""",
                status.accountId(), status.calendarId(), status.tenantId(), status.userId(),
                status.role() == null ? null : status.role().name(), status.state().name(),
                timestamp(after.confirmed()), timestamp(status.lastAttemptAt()), status.error(), after.confirmedDigest(),
                timestamp(after.pending()), after.pendingDigest());
    }

    private void apply(IntegrationStatusChanged change) {
        jdbc.update("""
                INSERT INTO account_status (account_id, tenant_id, user_id, status, reason, changed_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason,
                    changed_at = EXCLUDED.changed_at
                WHERE account_status.changed_at <= EXCLUDED.changed_at""",
                change.accountId(), change.tenantId(), change.userId(), change.status().name(), change.reason(),
                timestamp(change.changedAt()));
        if (change.status() == AccountStatus.DISCONNECTED) {
            jdbc.update("UPDATE calendar_status SET state = 'STOPPED' WHERE account_id = ?", change.accountId());
        }
    }

    /** Confirms the pending syncs of {@code calendars} whose slots now have the reported digest. */
    private void settle(Collection<Calendar> calendars) {
        if (calendars.isEmpty()) {
            return;
        }
        TextColumns keys = new TextColumns(2);
        calendars.forEach(c -> keys.row(c.accountId(), c.calendarId()));
        List<Object[]> pending = jdbc.query("""
                SELECT account_id, calendar_id, last_success_at, slot_digest, pending_success_at, pending_digest
                FROM calendar_status WHERE pending_digest IS NOT NULL
                AND (account_id, calendar_id) IN (SELECT a, c FROM unnest(?::text[], ?::text[]) AS k(a, c))""",
                keys::bind, (rs, n) -> new Object[] {new Calendar(rs.getString(1), rs.getString(2)),
                    new SyncConfirmation(instant(rs.getTimestamp(3)), rs.getString(4), instant(rs.getTimestamp(5)),
                            rs.getString(6))});
        for (Object[] row : pending) {
            Calendar calendar = (Calendar) row[0];
            SyncConfirmation before = (SyncConfirmation) row[1];
            SyncConfirmation after = before.settle(digest(calendar));
            if (!after.equals(before)) {
                jdbc.update("""
                        UPDATE calendar_status SET last_success_at = ?, slot_digest = ?, pending_success_at = NULL,
                            pending_digest = NULL WHERE account_id = ? AND calendar_id = ?""",
                        timestamp(after.confirmed()), after.confirmedDigest(), calendar.accountId(), calendar.calendarId());
            }
        }
    }

    /** The digest of the slots held for a calendar. */
    private String digest(Calendar calendar) {
        return jdbc.queryForObject("""
                SELECT count(*), COALESCE(bit_xor(digest_hash), 0) FROM blocked_slot
                WHERE account_id = ? AND calendar_id = ?""",
                (rs, n) -> new SlotDigest(rs.getLong(1), rs.getLong(2)).toString(),
                calendar.accountId(), calendar.calendarId());
    }

    /** Locks calendars for the rest of the transaction, in one order everywhere (no deadlock between two batches). */
    private void lock(TreeSet<Calendar> calendars) {
        if (calendars.isEmpty()) {
            return;
        }
        TextColumns keys = new TextColumns(1);
        calendars.forEach(c -> keys.row(c.accountId() + "/" + c.calendarId()));
        jdbc.query("SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM unnest(?::text[]) AS k ORDER BY k",
                keys::bind, rs -> null);
    }

    private record StoredStatus(Instant lastAttemptAt, SyncConfirmation confirmation) {
    }

    private record Calendar(String accountId, String calendarId) implements Comparable<Calendar> {
        Calendar {
            Objects.requireNonNull(accountId);
            Objects.requireNonNull(calendarId);
        }

        @Override
        public int compareTo(Calendar other) {
            int byAccount = accountId.compareTo(other.accountId);
            return byAccount != 0 ? byAccount : calendarId.compareTo(other.calendarId);
        }
    }

    private static String text(Instant instant) {
        return instant == null ? null : instant.toString();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** Values of several columns, row by row, bound as one text array per column ({@code unnest} makes rows again). */
    private static final class TextColumns {

        private final List<List<String>> columns = new ArrayList<>();

        TextColumns(int count) {
            for (int i = 0; i < count; i++) {
                columns.add(new ArrayList<>());
            }
        }

        void row(String... values) {
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
        }

        boolean isEmpty() {
            return columns.get(0).isEmpty();
        }

        void bind(java.sql.PreparedStatement statement) throws java.sql.SQLException {
            for (int i = 0; i < columns.size(); i++) {
                statement.setArray(i + 1, statement.getConnection().createArrayOf("text", columns.get(i).toArray()));
            }
        }
    }
}
