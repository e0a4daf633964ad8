package io.calsync.worker.account;

import io.calsync.contracts.CalendarRole;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The calendar configuration of each user: which calendars are Primary and which are checked for conflicts. */
@Repository
public class SelectionStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    public SelectionStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public List<CalendarSelection> of(String tenantId, String userId) {
        return jdbc.sql("SELECT tenant_id, user_id, account_id, calendar_id, role FROM calendar_selection "
                        + "WHERE tenant_id = ? AND user_id = ? ORDER BY role DESC, account_id, calendar_id")
                .params(tenantId, userId)
                .query(SelectionStore::selection)
                .list();
    }

    public List<CalendarSelection> ofAccount(UUID accountId) {
        return jdbc.sql("SELECT tenant_id, user_id, account_id, calendar_id, role FROM calendar_selection WHERE account_id = ?")
                .param(accountId)
                .query(SelectionStore::selection)
                .list();
    }

    private static CalendarSelection selection(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new CalendarSelection(rs.getString("tenant_id"), rs.getString("user_id"),
                rs.getObject("account_id", UUID.class), rs.getString("calendar_id"), CalendarRole.valueOf(rs.getString("role")));
    }

    public Optional<CalendarSelection> primaryOf(String tenantId, String userId) {
        return of(tenantId, userId).stream().filter(s -> s.role() == CalendarRole.PRIMARY).findFirst();
    }

    /** Keeps the poll state of calendars that stay selected; new ones are polled at once. */
    public void upsert(CalendarSelection selection) {
        jdbc.sql("""
                INSERT INTO calendar_selection (account_id, calendar_id, tenant_id, user_id, role, next_poll_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, calendar_id) DO UPDATE SET role = EXCLUDED.role,
                    next_poll_at = CASE WHEN calendar_selection.role = EXCLUDED.role THEN calendar_selection.next_poll_at
                                        ELSE EXCLUDED.next_poll_at END""")
                .params(selection.accountId(), selection.calendarId(), selection.tenantId(), selection.userId(),
                        selection.role().name(), Timestamp.from(clock.instant()))
                .update();
    }

    public void delete(UUID accountId, String calendarId) {
        jdbc.sql("DELETE FROM calendar_selection WHERE account_id = ? AND calendar_id = ?")
                .params(accountId, calendarId).update();
    }
}
