package io.calsync.benchmarks;

import io.calsync.infra.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.awaitility.Awaitility;

/**
 * Exactly one poll, observed from outside the worker: the worker runs with a long {@code calsync.poll.interval}, a
 * poll is triggered by making calendars due ({@code next_poll_at = now()} in its {@code calendar_selection} table),
 * and it is over when their {@code last_success_at} passes the trigger time.
 */
final class PollSchedule implements AutoCloseable {

    /**
     * When a poll was triggered, when the worker claimed it and when it succeeded (the worker's clock); for several
     * calendars the first claim and the last success, and how many polls failed instead (with one of their errors).
     */
    record Poll(Instant triggered, Instant claimed, Instant succeeded, int failed, String error) {
        double seconds() {
            return Duration.between(triggered, succeeded).toMillis() / 1000.0;
        }

        double claimedSeconds() {
            return Duration.between(claimed, succeeded).toMillis() / 1000.0;
        }
    }

    private final Connection jdbc;

    PollSchedule(PostgresServer postgres, String database) throws SQLException {
        this.jdbc = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
    }

    /** Makes the calendars of these accounts due now; answers the database's now(). */
    Instant trigger(Collection<UUID> accounts, String calendarId) throws SQLException {
        try (PreparedStatement due = jdbc.prepareStatement("UPDATE calendar_selection SET next_poll_at = now() "
                + "WHERE account_id = ANY (?) AND (CAST(? AS text) IS NULL OR calendar_id = ?) RETURNING now()")) {
            due.setArray(1, jdbc.createArrayOf("uuid", accounts.toArray()));
            due.setString(2, calendarId);
            due.setString(3, calendarId);
            try (ResultSet rs = due.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no selected calendar to trigger");
                }
                return rs.getTimestamp(1).toInstant();
            }
        }
    }

    /** Triggers one poll of one calendar and waits until it succeeded. */
    Poll pollOnce(UUID account, String calendarId, Duration atMost) throws SQLException {
        Instant triggered = trigger(java.util.List.of(account), calendarId);
        return awaitSuccess(java.util.List.of(account), 1, triggered, atMost);
    }

    /**
     * Waits until {@code calendars} selected calendars of these accounts have each succeeded or failed after
     * {@code since} (a failed poll is not retried for an interval: it counts as done, and as failed).
     */
    Poll awaitSuccess(Collection<UUID> accounts, int calendars, Instant since, Duration atMost) {
        Object[] ids = accounts.toArray();
        Awaitility.await("polls after " + since).atMost(atMost).pollInterval(Duration.ofMillis(100))
                .until(() -> doneSince(ids, since) >= calendars);
        try (PreparedStatement done = jdbc.prepareStatement("SELECT min(last_attempt_at), max(last_success_at), "
                + "count(*) FILTER (WHERE last_success_at IS NULL OR last_success_at <= ?), "
                + "max(last_error) FILTER (WHERE last_success_at IS NULL OR last_success_at <= ?) "
                + "FROM calendar_selection WHERE account_id = ANY (?) AND last_attempt_at >= ?")) {
            done.setTimestamp(1, Timestamp.from(since));
            done.setTimestamp(2, Timestamp.from(since));
            done.setArray(3, jdbc.createArrayOf("uuid", ids));
            done.setTimestamp(4, Timestamp.from(since));
            try (ResultSet rs = done.executeQuery()) {
                rs.next();
                Timestamp succeeded = rs.getTimestamp(2);
                return new Poll(since, rs.getTimestamp(1).toInstant(), succeeded == null ? since : succeeded.toInstant(),
                        rs.getInt(3), rs.getString(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Calendars of these accounts whose poll since {@code since} is over: succeeded, or failed and released. */
    private int doneSince(Object[] accounts, Instant since) throws SQLException {
        try (PreparedStatement count = jdbc.prepareStatement("SELECT count(*) FROM calendar_selection "
                + "WHERE account_id = ANY (?) AND (last_success_at > ? "
                + "OR (failures > 0 AND last_attempt_at >= ? AND lease_until IS NULL))")) {
            count.setArray(1, jdbc.createArrayOf("uuid", accounts));
            count.setTimestamp(2, Timestamp.from(since));
            count.setTimestamp(3, Timestamp.from(since));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /**
     * Makes first syncs that failed (they wait an interval before the next try) due again: the setup needs every
     * calendar synced once; answers how many were re-triggered.
     */
    int retryFailedFirstSyncs(Collection<UUID> accounts) throws SQLException {
        try (PreparedStatement due = jdbc.prepareStatement("UPDATE calendar_selection SET next_poll_at = now() "
                + "WHERE account_id = ANY (?) AND last_success_at IS NULL AND failures > 0 AND lease_until IS NULL "
                + "AND next_poll_at > now()")) {
            due.setArray(1, jdbc.createArrayOf("uuid", accounts.toArray()));
            return due.executeUpdate();
        }
    }

    /** Calendars of these accounts that have synced at least once. */
    int syncedOnce(Collection<UUID> accounts) throws SQLException {
        try (PreparedStatement count = jdbc.prepareStatement("SELECT count(*) FROM calendar_selection "
                + "WHERE account_id = ANY (?) AND last_success_at IS NOT NULL")) {
            count.setArray(1, jdbc.createArrayOf("uuid", accounts.toArray()));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    @Override
    public void close() throws SQLException {
        jdbc.close();
    }
}
