package io.calsync.availability.answers;

import io.calsync.availability.domain.BusyItem;
import io.calsync.availability.domain.CalendarState;
import io.calsync.availability.domain.CalendarStatus;
import io.calsync.availability.domain.Interval;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;

/** Reads what the ingest materialized: what makes users busy, their blocked slots and their calendars' status. */
@Repository
class MaterializedState {

    private final JdbcClient jdbc;

    MaterializedState(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Appointments and blocked slots overlapping {@code window}. */
    List<BusyItem<Source>> busy(String tenantId, String userId, Interval window) {
        List<BusyItem<Source>> items = new ArrayList<>(jdbc.sql("""
                SELECT appointment_id, start_at, end_at, title FROM appointment
                WHERE tenant_id = ? AND user_id = ? AND NOT cancelled AND start_at < ? AND end_at > ?""")
                .params(tenantId, userId, Timestamp.from(window.end()), Timestamp.from(window.start()))
                .query((rs, n) -> item(new Source("APPOINTMENT", rs.getString(1), null, null, null, null, null,
                        instant(rs, 2), instant(rs, 3), rs.getString(4))))
                .list());
        items.addAll(slots(tenantId, userId, window).stream().map(s -> item(new Source(s.source(), s.slotId(),
                s.accountId(), s.calendarId(), s.role(), s.eventUid(), s.recurrenceId(), s.start(), s.end(), s.title())))
                .toList());
        return items;
    }

    /**
     * Only the times, of several users at once (what free slots need): each user's appointments and blocked slots
     * overlapping {@code window}; a user without any has empty lists.
     */
    Map<String, BusyIntervals> intervals(String tenantId, List<String> userIds, Interval window) {
        Map<String, BusyIntervals> busy = new HashMap<>();
        userIds.forEach(id -> busy.put(id, new BusyIntervals(new ArrayList<>(), new ArrayList<>())));
        Object[] params = {tenantId, new SqlArrayValue("text", userIds.toArray()), Timestamp.from(window.end()),
            Timestamp.from(window.start())};
        jdbc.sql("""
                SELECT user_id, %s FROM appointment
                WHERE tenant_id = ? AND user_id = ANY(?) AND NOT cancelled AND start_at < ? AND end_at > ?""".formatted(MICROS))
                .params(params).query(rs -> {
                    busy.get(rs.getString(1)).appointments().add(micros(rs));
                });
        jdbc.sql("""
                SELECT user_id, %s FROM blocked_slot
                WHERE tenant_id = ? AND user_id = ANY(?) AND start_at < ? AND end_at > ?""".formatted(MICROS))
                .params(params).query(rs -> {
                    busy.get(rs.getString(1)).slots().add(micros(rs));
                });
        return busy;
    }

    /** Times as microseconds since the epoch: numbers decode far faster than timestamps, and free slots read thousands. */
    private static final String MICROS = "(extract(epoch FROM start_at) * 1000000)::bigint, "
            + "(extract(epoch FROM end_at) * 1000000)::bigint";

    private static Interval micros(ResultSet rs) throws SQLException {
        return new Interval(Instant.EPOCH.plus(rs.getLong(2), ChronoUnit.MICROS),
                Instant.EPOCH.plus(rs.getLong(3), ChronoUnit.MICROS));
    }

    record BusyIntervals(List<Interval> appointments, List<Interval> slots) {
    }

    List<BlockedSlotView> slots(String tenantId, String userId, Interval window) {
        return jdbc.sql("""
                SELECT slot_id, source, account_id, calendar_id, role, event_uid, recurrence_id, start_at, end_at,
                    all_day, start_date, end_date, title
                FROM blocked_slot WHERE tenant_id = ? AND user_id = ? AND start_at < ? AND end_at > ?
                ORDER BY start_at, end_at, slot_id""")
                .params(tenantId, userId, Timestamp.from(window.end()), Timestamp.from(window.start()))
                .query((rs, n) -> new BlockedSlotView(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), instant(rs, 8),
                        instant(rs, 9), rs.getBoolean(10), date(rs.getDate(11)), date(rs.getDate(12)), rs.getString(13)))
                .list();
    }

    List<CalendarStatus<CalendarRef>> calendars(String tenantId, String userId) {
        return calendars(tenantId, List.of(userId)).get(userId);
    }

    /** The source calendars of several users, by user; a user without any has an empty list. */
    Map<String, List<CalendarStatus<CalendarRef>>> calendars(String tenantId, List<String> userIds) {
        Map<String, List<CalendarStatus<CalendarRef>>> calendars = new HashMap<>();
        userIds.forEach(id -> calendars.put(id, new ArrayList<>()));
        jdbc.sql("""
                SELECT account_id, calendar_id, role, state, last_success_at, error, user_id FROM calendar_status
                WHERE tenant_id = ? AND user_id = ANY(?) ORDER BY account_id, calendar_id""")
                .params(tenantId, new SqlArrayValue("text", userIds.toArray()))
                .query(rs -> {
                    calendars.get(rs.getString(7)).add(new CalendarStatus<>(new CalendarRef(rs.getString(1),
                            rs.getString(2), rs.getString(3), rs.getString(6)), CalendarState.valueOf(rs.getString(4)),
                            Optional.ofNullable(rs.getTimestamp(5)).map(Timestamp::toInstant)));
                });
        return calendars;
    }

    private static BusyItem<Source> item(Source source) {
        return new BusyItem<>(new Interval(source.start(), source.end()), source);
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static java.time.LocalDate date(Date date) {
        return date == null ? null : date.toLocalDate();
    }
}
