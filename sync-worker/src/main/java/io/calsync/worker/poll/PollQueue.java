package io.calsync.worker.poll;

import io.calsync.contracts.CalendarRole;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The selected calendars as a work queue of polls, shared by all workers through leases and SKIP LOCKED. */
@Repository
class PollQueue {

    private final JdbcClient jdbc;
    private final Clock clock;

    PollQueue(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Accounts that have calendars due for a poll, at most {@code limit}. */
    List<UUID> accountsWithDueCalendars(int limit) {
        Instant now = clock.instant();
        return jdbc.sql("""
                SELECT DISTINCT account_id FROM calendar_selection
                WHERE next_poll_at <= :now AND (lease_until IS NULL OR lease_until < :now) LIMIT :limit""")
                .param("now", Timestamp.from(now)).param("limit", limit).query(UUID.class).list();
    }

    /** Claims up to {@code limit} due calendars of the given accounts for {@code lease}. */
    List<PollTarget> claimDue(Collection<UUID> accounts, int limit, Duration lease) {
        Instant now = clock.instant();
        return jdbc.sql("""
                UPDATE calendar_selection SET lease_until = :leaseUntil, last_attempt_at = :now
                WHERE (account_id, calendar_id) IN (
                    SELECT account_id, calendar_id FROM calendar_selection
                    WHERE next_poll_at <= :now AND (lease_until IS NULL OR lease_until < :now)
                      AND account_id = ANY (:accounts)
                    ORDER BY next_poll_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING *""")
                .param("leaseUntil", Timestamp.from(now.plus(lease))).param("now", Timestamp.from(now))
                .param("limit", limit).param("accounts", accounts.toArray(UUID[]::new))
                .query((rs, n) -> {
                    Date window = rs.getDate("window_start");
                    Timestamp success = rs.getTimestamp("last_success_at");
                    return new PollTarget(rs.getObject("account_id", UUID.class), rs.getString("calendar_id"),
                            rs.getString("tenant_id"), rs.getString("user_id"), CalendarRole.valueOf(rs.getString("role")),
                            rs.getString("ctag"), window == null ? null : window.toLocalDate(),
                            success == null ? null : success.toInstant(), rs.getInt("failures"));
                })
                .list();
    }

    void succeeded(PollTarget target, String ctag, LocalDate windowStart, Instant nextPoll) {
        jdbc.sql("""
                UPDATE calendar_selection SET ctag = ?, window_start = ?, next_poll_at = ?, lease_until = NULL,
                    last_success_at = ?, last_error = NULL, failures = 0
                WHERE account_id = ? AND calendar_id = ?""")
                .params(ctag, Date.valueOf(windowStart), Timestamp.from(nextPoll), Timestamp.from(clock.instant()),
                        target.accountId(), target.calendarId())
                .update();
    }

    /** The account's calendars are due now (it works again after re-authentication). */
    void wakeUp(UUID accountId) {
        jdbc.sql("UPDATE calendar_selection SET next_poll_at = ? WHERE account_id = ?")
                .params(Timestamp.from(clock.instant()), accountId).update();
    }

    void failed(PollTarget target, String error, Instant nextPoll) {
        jdbc.sql("""
                UPDATE calendar_selection SET next_poll_at = ?, lease_until = NULL, last_error = ?, failures = failures + 1
                WHERE account_id = ? AND calendar_id = ?""")
                .params(Timestamp.from(nextPoll), error, target.accountId(), target.calendarId())
                .update();
    }
}
