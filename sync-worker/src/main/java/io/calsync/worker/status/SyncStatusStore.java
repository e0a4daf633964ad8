package io.calsync.worker.status;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Reads a user's sync status from the worker's tables, and resets an account's calendars for a resync. */
@Repository
class SyncStatusStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    SyncStatusStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    record AccountRow(UUID accountId, String appleId, String status, String statusReason) {
    }

    record CalendarRow(UUID accountId, String calendarId, String role, Instant lastSuccessAt, Instant lastAttemptAt,
            String lastError, int failures, Instant nextPollAt, String reportedState) {
    }

    record Pushes(long pending, long failed, Instant oldestPendingSince) {
    }

    List<AccountRow> accounts(String tenantId, String userId) {
        return jdbc.sql("""
                SELECT account_id, apple_id, status, status_reason FROM icloud_account
                WHERE tenant_id = ? AND user_id = ? ORDER BY connected_at""")
                .params(tenantId, userId)
                .query((rs, row) -> new AccountRow(rs.getObject("account_id", UUID.class), rs.getString("apple_id"),
                        rs.getString("status"), rs.getString("status_reason")))
                .list();
    }

    List<CalendarRow> calendars(String tenantId, String userId) {
        return jdbc.sql("""
                SELECT account_id, calendar_id, role, last_success_at, last_attempt_at, last_error, failures,
                       next_poll_at, reported_state
                FROM calendar_selection WHERE tenant_id = ? AND user_id = ? ORDER BY role DESC, calendar_id""")
                .params(tenantId, userId)
                .query((rs, row) -> new CalendarRow(rs.getObject("account_id", UUID.class), rs.getString("calendar_id"),
                        rs.getString("role"), instant(rs.getTimestamp("last_success_at")),
                        instant(rs.getTimestamp("last_attempt_at")), rs.getString("last_error"), rs.getInt("failures"),
                        instant(rs.getTimestamp("next_poll_at")), rs.getString("reported_state")))
                .list();
    }

    Pushes pushes(String tenantId, String userId) {
        return jdbc.sql("""
                SELECT count(*) FILTER (WHERE sync_state = 'PENDING') AS pending,
                       count(*) FILTER (WHERE sync_state = 'FAILED') AS failed,
                       min(updated_at) FILTER (WHERE sync_state = 'PENDING') AS oldest
                FROM appointment WHERE tenant_id = ? AND user_id = ?""")
                .params(tenantId, userId)
                .query((rs, row) -> new Pushes(rs.getLong("pending"), rs.getLong("failed"),
                        instant(rs.getTimestamp("oldest"))))
                .single();
    }

    Optional<AccountRow> account(String tenantId, String userId, UUID accountId) {
        return accounts(tenantId, userId).stream().filter(a -> a.accountId().equals(accountId)).findFirst();
    }

    /**
     * Forgets what calsync knows of the account's calendars (sync token, ctag, every stored event) and makes them due
     * now: the next poll lists and reads each calendar whole, and publishes what differs from the slots published. A
     * poll running meanwhile loses its claim: it applies its result only while it holds the claim (locking the row,
     * {@code PollQueue.claimed}), so it either finished before this (and this resets what it wrote) or discards its
     * result; it can never write back the sync token forgotten here.
     *
     * @return the calendars reset
     */
    @Transactional
    List<String> resync(UUID accountId) {
        List<String> calendars = jdbc.sql("""
                SELECT calendar_id FROM calendar_selection WHERE account_id = ? ORDER BY calendar_id FOR UPDATE""")
                .params(accountId).query(String.class).list();
        jdbc.sql("DELETE FROM calendar_resource WHERE account_id = ?").params(accountId).update();
        jdbc.sql("""
                UPDATE calendar_selection SET sync_token = NULL, ctag = NULL, failures = 0, next_poll_at = ?,
                    lease_until = NULL, lease_owner = NULL
                WHERE account_id = ?""")
                .params(Timestamp.from(clock.instant()), accountId).update();
        return calendars;
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
