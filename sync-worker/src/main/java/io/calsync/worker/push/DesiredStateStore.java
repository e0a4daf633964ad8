package io.calsync.worker.push;

import io.calsync.worker.domain.Appointment;
import io.calsync.worker.ical.AppointmentCalendar;
import java.net.URI;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The appointment table: desired state plus the dispatcher's work queue. Claims use {@code FOR UPDATE SKIP
 * LOCKED} and a lease, so several workers share the queue and a crashed worker's claims come back.
 */
@Repository
public class DesiredStateStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public DesiredStateStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Records a revision if it is newer than what is stored; answers whether it was. */
    public boolean record(Appointment a) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                INSERT INTO appointment (tenant_id, appointment_id, user_id, event_uid, revision, cancelled, start_at,
                    end_at, time_zone, title, description, location, sync_state, attempts, next_attempt_at, updated_at,
                    desired_at)
                VALUES (:tenant, :id, :user, :uid, :revision, :cancelled, :start, :end, :zone, :title, :description,
                    :location, 'PENDING', 0, :now, :now, :now)
                ON CONFLICT (tenant_id, appointment_id) DO UPDATE SET
                    revision = EXCLUDED.revision, cancelled = EXCLUDED.cancelled,
                    start_at = COALESCE(EXCLUDED.start_at, appointment.start_at),
                    end_at = COALESCE(EXCLUDED.end_at, appointment.end_at),
                    time_zone = COALESCE(EXCLUDED.time_zone, appointment.time_zone),
                    title = COALESCE(EXCLUDED.title, appointment.title),
                    description = CASE WHEN EXCLUDED.cancelled THEN appointment.description ELSE EXCLUDED.description END,
                    location = CASE WHEN EXCLUDED.cancelled THEN appointment.location ELSE EXCLUDED.location END,
                    sync_state = 'PENDING', attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at,
                    last_error = NULL, updated_at = EXCLUDED.updated_at, desired_at = EXCLUDED.desired_at
                WHERE appointment.revision < EXCLUDED.revision""")
                .param("tenant", a.tenantId()).param("id", a.appointmentId()).param("user", a.userId())
                .param("uid", AppointmentCalendar.uidOf(a.tenantId(), a.appointmentId()))
                .param("revision", a.revision()).param("cancelled", a.cancelled())
                .param("start", timestamp(a.start())).param("end", timestamp(a.end()))
                .param("zone", a.timeZone()).param("title", a.title()).param("description", a.description())
                .param("location", a.location()).param("now", now)
                .update() == 1;
    }

    /**
     * The account a due appointment must be worked on: where a cancellation removes it from, else the user's
     * Primary Calendar's account, else where it was last written. Only accounts that still exist count: NULL means
     * no call to Apple is needed (no Primary Calendar, or what was written lies in a disconnected account).
     */
    private static final String TARGET = "COALESCE(CASE WHEN a.cancelled THEN w.account_id END, s.account_id, w.account_id)";

    /** Due, unclaimed appointments with what {@link #TARGET} needs. */
    private static final String DUE = """
            FROM appointment a
            LEFT JOIN calendar_selection s ON s.tenant_id = a.tenant_id AND s.user_id = a.user_id AND s.role = 'PRIMARY'
            LEFT JOIN icloud_account w ON w.account_id = a.account_id
            WHERE a.sync_state = 'PENDING' AND a.next_attempt_at <= :now
              AND (a.lease_until IS NULL OR a.lease_until < :now)""";

    /**
     * What has due work, the longest-waiting first, at most {@code limit}: accounts, and {@link Optional#empty()}
     * for appointments that need no call to Apple. Walks {@code appointment_due} in due order and stops early; the
     * rows it finds are grouped by user before {@link #TARGET} is looked up, once per group rather than per row.
     */
    public List<Optional<UUID>> dueWork(int limit) {
        return jdbc.sql("""
                SELECT %s AS target FROM (
                    SELECT tenant_id, user_id, cancelled, account_id, min(next_attempt_at) AS due FROM (
                        SELECT a.tenant_id, a.user_id, a.cancelled, a.account_id, a.next_attempt_at FROM appointment a
                        WHERE a.sync_state = 'PENDING' AND a.next_attempt_at <= :now
                          AND (a.lease_until IS NULL OR a.lease_until < :now)
                        ORDER BY a.next_attempt_at LIMIT 500) walked
                    GROUP BY tenant_id, user_id, cancelled, account_id) a
                LEFT JOIN calendar_selection s ON s.tenant_id = a.tenant_id AND s.user_id = a.user_id AND s.role = 'PRIMARY'
                LEFT JOIN icloud_account w ON w.account_id = a.account_id
                GROUP BY target ORDER BY min(a.due) LIMIT :limit""".formatted(TARGET))
                .param("now", Timestamp.from(clock.instant())).param("limit", limit)
                .query((rs, row) -> Optional.ofNullable(rs.getObject("target", UUID.class))).list();
    }

    /**
     * Claims up to {@code limit} due appointments of {@code account} for {@code lease}. They are all its user's
     * (an account belongs to one user), so only that user's pending rows are read.
     */
    public List<DesiredState> claimDue(UUID account, int limit, Duration lease) {
        return claim("""
                AND (a.tenant_id, a.user_id) = (SELECT tenant_id, user_id FROM icloud_account WHERE account_id = :account)
                AND %s = :account""".formatted(TARGET), account, limit, lease);
    }

    /** Claims up to {@code limit} due appointments that need no call to Apple, for {@code lease}. */
    public List<DesiredState> claimDueWithoutAccount(int limit, Duration lease) {
        return claim("AND %s IS NULL".formatted(TARGET), null, limit, lease);
    }

    private List<DesiredState> claim(String which, UUID account, int limit, Duration lease) {
        Instant now = clock.instant();
        // a revision written nowhere yet may be created in the Primary Calendar by this claim: remember where, before
        // anything is sent, so that a create whose outcome is lost (crash, timeout) is still found by a cancellation
        return jdbc.sql("""
                UPDATE appointment u SET lease_until = :leaseUntil,
                    unconfirmed_account_id = CASE WHEN NOT u.cancelled AND u.href IS NULL AND due.primary_account IS NOT NULL
                        THEN due.primary_account ELSE u.unconfirmed_account_id END,
                    unconfirmed_calendar_id = CASE WHEN NOT u.cancelled AND u.href IS NULL AND due.primary_account IS NOT NULL
                        THEN due.primary_calendar ELSE u.unconfirmed_calendar_id END
                FROM (
                    SELECT a.tenant_id, a.appointment_id, s.account_id AS primary_account, s.calendar_id AS primary_calendar
                    %s %s
                    ORDER BY a.next_attempt_at LIMIT :limit FOR UPDATE OF a SKIP LOCKED) due
                WHERE u.tenant_id = due.tenant_id AND u.appointment_id = due.appointment_id
                RETURNING u.*""".formatted(DUE, which))
                .param("leaseUntil", Timestamp.from(now.plus(lease))).param("now", Timestamp.from(now))
                .param("account", account, java.sql.Types.OTHER).param("limit", limit)
                .query(DesiredStateStore::desiredState).list();
    }

    /** The user's waiting appointments are due now (their account works again). */
    public int wakeUp(String tenantId, String userId) {
        return jdbc.sql("UPDATE appointment SET next_attempt_at = ? WHERE tenant_id = ? AND user_id = ? AND sync_state = 'PENDING'")
                .params(Timestamp.from(clock.instant()), tenantId, userId).update();
    }

    /** The outcome of a write, recorded only if no newer revision arrived meanwhile (else the new one stays pending). */
    public void recordWritten(Appointment a, UUID accountId, String calendarId, URI href, String etag) {
        jdbc.sql("""
                UPDATE appointment SET account_id = ?, calendar_id = ?, href = ?, etag = ?, written_revision = ?,
                    lease_until = NULL, updated_at = ?, unconfirmed_account_id = NULL, unconfirmed_calendar_id = NULL,
                    sync_state = CASE WHEN revision = ? THEN 'SYNCED' ELSE sync_state END,
                    attempts = CASE WHEN revision = ? THEN 0 ELSE attempts END
                WHERE tenant_id = ? AND appointment_id = ?""")
                .params(accountId, calendarId, href == null ? null : href.toString(), etag,
                        href == null ? null : a.revision(), Timestamp.from(clock.instant()), a.revision(), a.revision(),
                        a.tenantId(), a.appointmentId())
                .update();
    }

    /** Marks the claimed revision as deliberately not pushed (no Primary Calendar, or nothing to remove). */
    public void recordSkipped(Appointment a) {
        finish(a, "SKIPPED", null);
    }

    /** Marks the claimed revision as failed for good. */
    public void recordFailed(Appointment a, String error) {
        finish(a, "FAILED", error);
    }

    /**
     * Schedules another attempt of the claimed revision at {@code next}. The claim is released either way: a newer
     * revision that arrived meanwhile is due at once.
     */
    public void recordRetry(Appointment a, Instant next, String error) {
        jdbc.sql("""
                UPDATE appointment SET lease_until = NULL, updated_at = :now,
                    attempts = CASE WHEN revision = :revision THEN attempts + 1 ELSE attempts END,
                    next_attempt_at = CASE WHEN revision = :revision THEN :next ELSE next_attempt_at END,
                    last_error = CASE WHEN revision = :revision THEN :error ELSE last_error END
                WHERE tenant_id = :tenant AND appointment_id = :id""")
                .param("now", Timestamp.from(clock.instant())).param("revision", a.revision())
                .param("next", Timestamp.from(next)).param("error", error)
                .param("tenant", a.tenantId()).param("id", a.appointmentId())
                .update();
    }

    /**
     * Puts the user's appointments that still lie ahead back in the queue: their Primary Calendar changed, so
     * they must be written to the new one (and removed from the old).
     */
    public int requeueUpcoming(String tenantId, String userId) {
        return jdbc.sql("""
                UPDATE appointment SET sync_state = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ?
                WHERE tenant_id = ? AND user_id = ? AND (end_at > ? OR href IS NOT NULL)
                  AND sync_state IN ('SYNCED', 'SKIPPED', 'FAILED')""")
                .params(Timestamp.from(clock.instant()), Timestamp.from(clock.instant()), tenantId, userId,
                        Timestamp.from(clock.instant()))
                .update();
    }

    /** Whether {@code uid} is the UID of an event calsync wrote for one of the tenant's appointments. */
    public boolean isOwnEvent(String tenantId, String uid) {
        return jdbc.sql("SELECT count(*) FROM appointment WHERE tenant_id = ? AND event_uid = ?")
                .params(tenantId, uid).query(Integer.class).single() > 0;
    }

    /**
     * An event of a cancelled appointment found in a calendar after the cancellation was done: a create the server
     * applied only after the cancellation's {@code DELETE} (it held the request longer than the instance that sent it
     * lived, or waited). It is recorded as written there and due again, so the push path removes it as it removes any
     * written event, and the cancellation is reported again under the same CloudEvents id. Only the calendar's own
     * user's appointments are looked at (a resource name is whatever a server says); nothing happens for one that is
     * not cancelled, has an event recorded, or is being worked on (its push decides). Answers the appointment whose
     * removal was queued.
     */
    public Optional<String> removeLateEvent(String tenantId, String userId, String uid, UUID accountId, String calendarId,
            String href) {
        Timestamp now = Timestamp.from(clock.instant());
        return jdbc.sql("""
                UPDATE appointment SET account_id = ?, calendar_id = ?, href = ?, etag = NULL, written_revision = NULL,
                    sync_state = 'PENDING', attempts = 0, next_attempt_at = ?, updated_at = ?, last_error = NULL
                WHERE tenant_id = ? AND event_uid = ? AND user_id = ? AND cancelled AND href IS NULL
                  AND sync_state <> 'PENDING' AND (lease_until IS NULL OR lease_until < ?)
                RETURNING appointment_id""")
                .params(accountId, calendarId, href, now, now, tenantId, uid, userId, now)
                .query(String.class).optional();
    }

    /** The resources calsync wrote into a calendar and the ETag it got for each, by href: the poller skips them. */
    public Map<String, String> writtenIn(UUID accountId, String calendarId) {
        Map<String, String> written = new HashMap<>();
        jdbc.sql("SELECT href, etag FROM appointment WHERE account_id = ? AND calendar_id = ? AND href IS NOT NULL")
                .params(accountId, calendarId)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2)))
                .list().forEach(e -> written.put(e.getKey(), e.getValue()));
        return written;
    }

    /** The appointment whose event calsync wrote at {@code href}, for reporting a drift. */
    public Optional<DesiredState> writtenAt(UUID accountId, String calendarId, String href) {
        return jdbc.sql("SELECT * FROM appointment WHERE account_id = ? AND calendar_id = ? AND href = ?")
                .params(accountId, calendarId, href).query(DesiredStateStore::desiredState).optional();
    }

    /**
     * Remembers that the drift of the event at {@code href} to {@code etag} was reported; answers false when it
     * had been already (a drift is reported once per change).
     */
    public boolean recordDrift(DesiredState state, String etag) {
        return jdbc.sql("""
                UPDATE appointment SET drift_etag = ? WHERE tenant_id = ? AND appointment_id = ?
                  AND drift_etag IS DISTINCT FROM ?""")
                .params(etag, state.appointment().tenantId(), state.appointment().appointmentId(), etag)
                .update() > 0;
    }

    /** Ends the claimed revision in {@code state}; a newer revision stays pending, and the claim is released. */
    private void finish(Appointment a, String state, String error) {
        jdbc.sql("""
                UPDATE appointment SET lease_until = NULL, updated_at = :now,
                    sync_state = CASE WHEN revision = :revision THEN :state ELSE sync_state END,
                    last_error = CASE WHEN revision = :revision THEN :error ELSE last_error END
                WHERE tenant_id = :tenant AND appointment_id = :id""")
                .param("now", Timestamp.from(clock.instant())).param("revision", a.revision())
                .param("state", state).param("error", error)
                .param("tenant", a.tenantId()).param("id", a.appointmentId())
                .update();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static DesiredState desiredState(ResultSet rs, int row) throws SQLException {
        Appointment appointment = new Appointment(rs.getString("tenant_id"), rs.getString("user_id"),
                rs.getString("appointment_id"), rs.getLong("revision"), rs.getBoolean("cancelled"),
                instant(rs.getTimestamp("start_at")), instant(rs.getTimestamp("end_at")), rs.getString("time_zone"),
                rs.getString("title"), rs.getString("description"), rs.getString("location"));
        String href = rs.getString("href");
        return new DesiredState(appointment, rs.getInt("attempts"), rs.getObject("account_id", UUID.class),
                rs.getString("calendar_id"), href == null ? null : URI.create(href), rs.getString("etag"),
                rs.getObject("written_revision", Long.class), instant(rs.getTimestamp("desired_at")),
                rs.getObject("unconfirmed_account_id", UUID.class), rs.getString("unconfirmed_calendar_id"));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
