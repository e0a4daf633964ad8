package io.calsync.worker.account;

import io.calsync.contracts.CalendarRole;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The calendar configuration of each user: which calendars are Primary and which are checked for conflicts, and
 * how each is read (busy rules, time zone).
 */
@Repository
public class SelectionStore {

    private static final String COLUMNS = "tenant_id, user_id, account_id, calendar_id, role, all_day_blocks, "
            + "tentative_blocks, declined_blocks, unanswered_blocks, privacy, time_zone";

    private final JdbcClient jdbc;
    private final Clock clock;

    public SelectionStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<CalendarSelection> of(String tenantId, String userId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM calendar_selection "
                        + "WHERE tenant_id = ? AND user_id = ? ORDER BY role DESC, account_id, calendar_id")
                .params(tenantId, userId)
                .query(SelectionStore::selection)
                .list();
    }

    public List<CalendarSelection> ofAccount(UUID accountId) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM calendar_selection WHERE account_id = ?")
                .param(accountId)
                .query(SelectionStore::selection)
                .list();
    }

    private static CalendarSelection selection(ResultSet rs, int row) throws SQLException {
        CalendarRules rules = new CalendarRules(rs.getBoolean("all_day_blocks"), rs.getBoolean("tentative_blocks"),
                rs.getBoolean("declined_blocks"), rs.getBoolean("unanswered_blocks"),
                CalendarRules.Privacy.valueOf(rs.getString("privacy")));
        return new CalendarSelection(rs.getString("tenant_id"), rs.getString("user_id"),
                rs.getObject("account_id", UUID.class), rs.getString("calendar_id"),
                CalendarRole.valueOf(rs.getString("role")), rules, rs.getString("time_zone"));
    }

    public Optional<CalendarSelection> primaryOf(String tenantId, String userId) {
        return of(tenantId, userId).stream().filter(s -> s.role() == CalendarRole.PRIMARY).findFirst();
    }

    /**
     * Keeps the poll state of calendars that stay selected as they were; new ones, and those whose role, rules or
     * zone changed, are due at once, so that their slots are re-published from what is stored without waiting.
     */
    public void upsert(CalendarSelection selection) {
        CalendarRules rules = selection.rules();
        jdbc.sql("""
                INSERT INTO calendar_selection (account_id, calendar_id, tenant_id, user_id, role, all_day_blocks,
                    tentative_blocks, declined_blocks, unanswered_blocks, privacy, time_zone, next_poll_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, calendar_id) DO UPDATE SET role = EXCLUDED.role,
                    all_day_blocks = EXCLUDED.all_day_blocks, tentative_blocks = EXCLUDED.tentative_blocks,
                    declined_blocks = EXCLUDED.declined_blocks, unanswered_blocks = EXCLUDED.unanswered_blocks,
                    privacy = EXCLUDED.privacy, time_zone = EXCLUDED.time_zone,
                    next_poll_at = CASE
                        WHEN (calendar_selection.role, calendar_selection.all_day_blocks, calendar_selection.tentative_blocks,
                              calendar_selection.declined_blocks, calendar_selection.unanswered_blocks,
                              calendar_selection.privacy, calendar_selection.time_zone)
                             IS NOT DISTINCT FROM (EXCLUDED.role, EXCLUDED.all_day_blocks, EXCLUDED.tentative_blocks,
                              EXCLUDED.declined_blocks, EXCLUDED.unanswered_blocks, EXCLUDED.privacy, EXCLUDED.time_zone)
                        THEN calendar_selection.next_poll_at
                        ELSE LEAST(calendar_selection.next_poll_at, EXCLUDED.next_poll_at) END""")
                .params(selection.accountId(), selection.calendarId(), selection.tenantId(), selection.userId(),
                        selection.role().name(), rules.allDayEventsBlock(), rules.tentativeEventsBlock(),
                        rules.declinedInvitationsBlock(), rules.unansweredInvitationsBlock(), rules.privacy().name(),
                        selection.timeZone(), Timestamp.from(clock.instant()))
                .update();
    }

    public void delete(UUID accountId, String calendarId) {
        jdbc.sql("DELETE FROM calendar_selection WHERE account_id = ? AND calendar_id = ?")
                .params(accountId, calendarId).update();
    }
}
