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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
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

    /** Only the times: the appointments' and the blocked slots' overlapping {@code window} (what free slots need). */
    BusyIntervals intervals(String tenantId, String userId, Interval window) {
        Timestamp end = Timestamp.from(window.end());
        Timestamp start = Timestamp.from(window.start());
        return new BusyIntervals(jdbc.sql("""
                SELECT start_at, end_at FROM appointment
                WHERE tenant_id = ? AND user_id = ? AND NOT cancelled AND start_at < ? AND end_at > ?""")
                .params(tenantId, userId, end, start).query((rs, n) -> new Interval(instant(rs, 1), instant(rs, 2))).list(),
                jdbc.sql("""
                SELECT start_at, end_at FROM blocked_slot
                WHERE tenant_id = ? AND user_id = ? AND start_at < ? AND end_at > ?""")
                .params(tenantId, userId, end, start).query((rs, n) -> new Interval(instant(rs, 1), instant(rs, 2))).list());
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
        return jdbc.sql("""
                SELECT account_id, calendar_id, role, state, last_success_at, error FROM calendar_status
                WHERE tenant_id = ? AND user_id = ? ORDER BY account_id, calendar_id""")
                .params(tenantId, userId)
                .query((rs, n) -> new CalendarStatus<>(new CalendarRef(rs.getString(1), rs.getString(2),
                        rs.getString(3), rs.getString(6)), CalendarState.valueOf(rs.getString(4)),
                        Optional.ofNullable(rs.getTimestamp(5)).map(Timestamp::toInstant)))
                .list();
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
