package io.calsync.worker.poll;

import io.calsync.worker.sync.KnownCalendar;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The members of each selected calendar as last read ({@code calendar_resource}): ETags, and the text of others' events. */
@Repository
class CalendarResources {

    /** A stored member with readable iCalendar text (calsync's own resources have none). */
    record Stored(String href, String icalendar) {
    }

    /** What to change in the stored members of one calendar. */
    record Changes(Map<String, String> etags, Map<String, String> texts, Map<String, String> problems,
            List<String> removed) {

        static Changes empty() {
            return new Changes(new HashMap<>(), new HashMap<>(), new HashMap<>(), new ArrayList<>());
        }

        boolean isEmpty() {
            return etags.isEmpty() && texts.isEmpty() && problems.isEmpty() && removed.isEmpty();
        }
    }

    private final JdbcTemplate jdbc;

    CalendarResources(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    KnownCalendar known(PollTarget target) {
        Map<String, String> etags = new HashMap<>();
        jdbc.query("SELECT href, etag FROM calendar_resource WHERE account_id = ? AND calendar_id = ?",
                rs -> {
                    etags.put(rs.getString(1), rs.getString(2));
                }, target.accountId(), target.calendarId());
        return new KnownCalendar(target.syncToken(), target.ctag(), etags, target.supportsSync());
    }

    /** Every stored member with readable text, in href order. */
    List<Stored> readable(UUID accountId, String calendarId) {
        return jdbc.query("""
                SELECT href, icalendar FROM calendar_resource
                WHERE account_id = ? AND calendar_id = ? AND icalendar IS NOT NULL ORDER BY href""",
                (rs, n) -> new Stored(rs.getString(1), rs.getString(2)), accountId, calendarId);
    }

    /** The last readable text of a member, if any: a new version that cannot be read leaves this one in force. */
    java.util.Optional<String> text(UUID accountId, String calendarId, String href) {
        return jdbc.query("SELECT icalendar FROM calendar_resource WHERE account_id = ? AND calendar_id = ? AND href = ?",
                (rs, n) -> rs.getString(1), accountId, calendarId, href).stream().filter(t -> t != null).findFirst();
    }

    /** Why members of a calendar cannot be used right now, by href. */
    Map<String, String> problems(UUID accountId, String calendarId) {
        Map<String, String> problems = new java.util.TreeMap<>();
        jdbc.query("""
                SELECT href, problem FROM calendar_resource
                WHERE account_id = ? AND calendar_id = ? AND problem IS NOT NULL""",
                rs -> {
                    problems.put(rs.getString(1), rs.getString(2));
                }, accountId, calendarId);
        return problems;
    }

    void apply(UUID accountId, String calendarId, Changes changes) {
        if (!changes.removed().isEmpty()) {
            jdbc.update("DELETE FROM calendar_resource WHERE account_id = ? AND calendar_id = ? AND href = ANY (?)",
                    accountId, calendarId, changes.removed().toArray(String[]::new));
        }
        List<Object[]> rows = new ArrayList<>();
        changes.etags().forEach((href, etag) -> rows.add(new Object[] {accountId, calendarId, href, etag,
                changes.texts().get(href), changes.problems().get(href), changes.texts().containsKey(href)}));
        jdbc.batchUpdate("""
                INSERT INTO calendar_resource (account_id, calendar_id, href, etag, icalendar, problem)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (account_id, calendar_id, href) DO UPDATE SET etag = EXCLUDED.etag,
                    icalendar = CASE WHEN ? THEN EXCLUDED.icalendar ELSE calendar_resource.icalendar END,
                    problem = EXCLUDED.problem""", rows);
    }
}
