package io.calsync.worker.poll;

import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.CalendarSyncState;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The selected calendars as a work queue of polls, shared by all workers: a claim is a lease with an owner
 * ({@code lease_until}, {@code lease_owner}) taken with {@code FOR UPDATE SKIP LOCKED}, renewed while the poll
 * runs. Due calendars are handed out oldest-due first, and only of connected accounts.
 */
@Repository
class PollQueue {

    private final JdbcClient jdbc;
    private final Clock clock;

    PollQueue(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Connected accounts with calendars due and unclaimed, the one whose calendar waits longest first. */
    List<UUID> accountsWithDueCalendars(int limit) {
        Instant now = clock.instant();
        return jdbc.sql("""
                SELECT s.account_id FROM calendar_selection s JOIN icloud_account a ON a.account_id = s.account_id
                WHERE s.next_poll_at <= :now AND (s.lease_until IS NULL OR s.lease_until < :now)
                  AND a.status = 'CONNECTED'
                GROUP BY s.account_id ORDER BY min(s.next_poll_at) LIMIT :limit""")
                .param("now", Timestamp.from(now)).param("limit", limit).query(UUID.class).list();
    }

    /**
     * Claims up to {@code limit} due calendars of the given accounts, oldest-due first, for {@code owner}; never one of
     * {@code polling}, the calendars this instance polls now: a claim that ran out while its poll runs (a renewal came
     * late, or a resync revoked it) is not taken up by the same instance, so a calendar is never polled twice at once
     * here, and a revoked poll, no longer holding the claim, discards its result.
     */
    List<PollTarget> claimDue(Collection<UUID> accounts, int limit, Duration lease, String owner,
            Collection<PollTarget> polling) {
        Instant now = clock.instant();
        return jdbc.sql("""
                UPDATE calendar_selection SET lease_until = :leaseUntil, lease_owner = :owner, last_attempt_at = :now
                WHERE (account_id, calendar_id) IN (
                    SELECT account_id, calendar_id FROM calendar_selection
                    WHERE next_poll_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                      AND account_id = ANY (:accounts)
                      AND (account_id, calendar_id) NOT IN (
                          SELECT * FROM unnest(CAST(:pollingAccounts AS uuid[]), CAST(:pollingCalendars AS text[])))
                    ORDER BY next_poll_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING *""")
                .param("leaseUntil", Timestamp.from(now.plus(lease))).param("owner", owner)
                .param("now", Timestamp.from(now)).param("limit", limit)
                .param("accounts", accounts.toArray(UUID[]::new))
                .param("pollingAccounts", polling.stream().map(PollTarget::accountId).toArray(UUID[]::new))
                .param("pollingCalendars", polling.stream().map(PollTarget::calendarId).toArray(String[]::new))
                .query(PollQueue::target)
                .list();
    }

    /** Extends the claims {@code owner} still holds; a calendar deselected meanwhile is simply not renewed. */
    void renew(Collection<PollTarget> targets, Duration lease, String owner) {
        for (PollTarget target : targets) {
            jdbc.sql("""
                    UPDATE calendar_selection SET lease_until = ? WHERE account_id = ? AND calendar_id = ? AND lease_owner = ?""")
                    .params(Timestamp.from(clock.instant().plus(lease)), target.accountId(), target.calendarId(), owner)
                    .update();
        }
    }

    /**
     * Locks the calendar's row for the rest of the transaction if {@code owner} still holds its claim (it is still
     * selected), and answers the calendar as configured now (role, busy rules, user's zone): a poll applies its
     * result only then, with the configuration of this moment; a change after it commits makes the calendar due again.
     */
    Optional<PollTarget> claimed(PollTarget target, String owner) {
        return jdbc.sql("""
                SELECT role, all_day_blocks, tentative_blocks, declined_blocks, unanswered_blocks, privacy, time_zone
                FROM calendar_selection
                WHERE account_id = ? AND calendar_id = ? AND lease_owner = ? FOR UPDATE""")
                .params(target.accountId(), target.calendarId(), owner)
                .query((rs, n) -> target.withSettings(CalendarRole.valueOf(rs.getString("role")), rules(rs),
                        rs.getString("time_zone")))
                .optional();
    }

    void succeeded(PollTarget target, String syncToken, String ctag, boolean supportsSync, LocalDate windowStart,
            Instant nextPoll) {
        jdbc.sql("""
                UPDATE calendar_selection SET sync_token = ?, ctag = ?, supports_sync = ?, window_start = ?,
                    published_with = ?, collection_zone = ?, own_addresses = ?, next_poll_at = ?, lease_until = NULL,
                    lease_owner = NULL, last_success_at = ?, last_error = NULL, failures = 0
                WHERE account_id = ? AND calendar_id = ?""")
                .params(syncToken, ctag, supportsSync, Date.valueOf(windowStart), target.computation(),
                        target.collectionZone(),
                        target.ownAddresses() == null ? null : target.ownAddresses().toArray(String[]::new),
                        Timestamp.from(nextPoll), Timestamp.from(clock.instant()), target.accountId(), target.calendarId())
                .update();
    }

    /**
     * Records a failed poll if {@code owner} still holds the claim; answers whether it did. {@code counted}: whether it
     * adds to the calendar's failures (which grow its back-off); a call calsync's own guards refused does not.
     */
    boolean failed(PollTarget target, String owner, String error, Instant nextPoll, boolean counted) {
        return jdbc.sql("""
                UPDATE calendar_selection SET next_poll_at = ?, lease_until = NULL, lease_owner = NULL, last_error = ?,
                    failures = failures + ?
                WHERE account_id = ? AND calendar_id = ? AND lease_owner = ?""")
                .params(Timestamp.from(nextPoll), error, counted ? 1 : 0, target.accountId(), target.calendarId(), owner)
                .update() > 0;
    }

    /** The state just published in {@code calendar.sync-status}. */
    void reported(PollTarget target, CalendarSyncState state) {
        jdbc.sql("UPDATE calendar_selection SET reported_state = ?, reported_at = ? WHERE account_id = ? AND calendar_id = ?")
                .params(state.name(), Timestamp.from(clock.instant()), target.accountId(), target.calendarId())
                .update();
    }

    /** The account's calendars are due now (it works again after re-authentication). */
    void wakeUp(UUID accountId) {
        jdbc.sql("UPDATE calendar_selection SET next_poll_at = ? WHERE account_id = ?")
                .params(Timestamp.from(clock.instant()), accountId).update();
    }

    private static PollTarget target(ResultSet rs, int row) throws SQLException {
        Date window = rs.getDate("window_start");
        Timestamp success = rs.getTimestamp("last_success_at");
        Timestamp reportedAt = rs.getTimestamp("reported_at");
        String reported = rs.getString("reported_state");
        java.sql.Array addresses = rs.getArray("own_addresses");
        return new PollTarget(rs.getObject("account_id", UUID.class), rs.getString("calendar_id"),
                rs.getString("tenant_id"), rs.getString("user_id"), CalendarRole.valueOf(rs.getString("role")),
                rs.getString("sync_token"), rs.getString("ctag"), rs.getBoolean("supports_sync"),
                window == null ? null : window.toLocalDate(), rs.getString("published_with"),
                success == null ? null : success.toInstant(), rs.getInt("failures"),
                reported == null ? null : CalendarSyncState.valueOf(reported),
                reportedAt == null ? null : reportedAt.toInstant(), rs.getString("collection_zone"),
                addresses == null ? null : List.of((String[]) addresses.getArray()), rules(rs), rs.getString("time_zone"));
    }

    private static BusyRules rules(ResultSet rs) throws SQLException {
        return new BusyRules(rs.getBoolean("all_day_blocks"), rs.getBoolean("tentative_blocks"),
                rs.getBoolean("declined_blocks"), rs.getBoolean("unanswered_blocks"),
                "TITLES".equals(rs.getString("privacy")));
    }
}
