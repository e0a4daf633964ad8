package io.calsync.availability.busy;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads what makes users busy, and calendar freshness, from the materialized tables. */
@Repository
public class BusyStore {

    private final JdbcClient jdbc;

    public BusyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<BusySource> sources(String tenantId, String userId, Instant from, Instant to) {
        List<BusySource> sources = new ArrayList<>(jdbc.sql("""
                SELECT appointment_id, start_at, end_at, title FROM appointment
                WHERE tenant_id = ? AND user_id = ? AND NOT cancelled AND start_at < ? AND end_at > ?""")
                .params(tenantId, userId, Timestamp.from(to), Timestamp.from(from))
                .query((rs, n) -> new BusySource("APPOINTMENT", rs.getString("appointment_id"), null, null, null,
                        rs.getTimestamp("start_at").toInstant(), rs.getTimestamp("end_at").toInstant(),
                        rs.getString("title")))
                .list());
        sources.addAll(jdbc.sql("""
                SELECT slot_id, source, account_id, calendar_id, role, start_at, end_at, title FROM blocked_slot
                WHERE tenant_id = ? AND user_id = ? AND start_at < ? AND end_at > ?""")
                .params(tenantId, userId, Timestamp.from(to), Timestamp.from(from))
                .query((rs, n) -> new BusySource(rs.getString("source"), rs.getString("slot_id"),
                        rs.getString("account_id"), rs.getString("calendar_id"), rs.getString("role"),
                        rs.getTimestamp("start_at").toInstant(), rs.getTimestamp("end_at").toInstant(),
                        rs.getString("title")))
                .list());
        return sources;
    }

    /** Freshness of one source calendar. */
    public record CalendarFreshness(String accountId, String calendarId, String role, String state,
            Instant lastSuccessAt, String error) {
    }

    public List<CalendarFreshness> freshness(String tenantId, String userId) {
        return jdbc.sql("""
                SELECT account_id, calendar_id, role, state, last_success_at, error FROM calendar_status
                WHERE tenant_id = ? AND user_id = ? AND state <> 'STOPPED' ORDER BY account_id, calendar_id""")
                .params(tenantId, userId)
                .query((rs, n) -> {
                    Timestamp success = rs.getTimestamp("last_success_at");
                    return new CalendarFreshness(rs.getString("account_id"), rs.getString("calendar_id"),
                            rs.getString("role"), rs.getString("state"), success == null ? null : success.toInstant(),
                            rs.getString("error"));
                })
                .list();
    }
}
