package io.calsync.worker.poll;

import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.ReleaseReason;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotOrigin;
import io.calsync.contracts.SlotReleased;
import io.calsync.contracts.SlotSource;
import io.calsync.contracts.Topics;
import io.calsync.worker.outbox.Outbox;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The slots published per calendar ({@code published_slot}), and publishing changes to them: the table and the
 * outbox are written in the caller's transaction, so what consumers are told and what calsync remembers telling
 * them can never part, whatever crashes.
 */
@Component
class SlotLedger {

    private final JdbcTemplate jdbc;
    private final Outbox outbox;

    SlotLedger(JdbcTemplate jdbc, Outbox outbox) {
        this.jdbc = jdbc;
        this.outbox = outbox;
    }

    Map<String, Slot> published(UUID accountId, String calendarId) {
        Map<String, Slot> slots = new LinkedHashMap<>();
        // locked: a concurrent release of the calendar as an orphan (it was deselected and selected again) is waited for
        jdbc.query("SELECT * FROM published_slot WHERE account_id = ? AND calendar_id = ? FOR UPDATE", SlotLedger::slot,
                accountId, calendarId).forEach(s -> slots.put(s.slotId(), s));
        return slots;
    }

    /** Publishes the diff and records it; inside the caller's transaction. */
    void apply(SlotDiff diff, Function<Slot, ReleaseReason> releaseReason) {
        if (diff.isEmpty()) {
            return;
        }
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        List<Object[]> upserts = new ArrayList<>();
        for (Slot slot : diff.blocked()) {
            SlotOrigin origin = new SlotOrigin(slot.accountId().toString(), slot.calendarId(), slot.role(),
                    slot.eventUid(), slot.recurrenceId());
            records.add(outbox.record(slot.allDay() && slot.startDate() != null
                    ? new SlotBlocked(slot.tenantId(), slot.userId(), slot.slotId(), SlotSource.ICLOUD, origin,
                            slot.start(), slot.end(), slot.title(), slot.startDate(), slot.endDate())
                    : new SlotBlocked(slot.tenantId(), slot.userId(), slot.slotId(), SlotSource.ICLOUD, origin,
                            slot.start(), slot.end(), slot.allDay(), slot.title())));
            upserts.add(new Object[] {slot.slotId(), slot.tenantId(), slot.userId(), slot.accountId(),
                    slot.calendarId(), slot.role().name(), slot.eventUid(), slot.recurrenceId(),
                    Timestamp.from(slot.start()), Timestamp.from(slot.end()), slot.allDay(), slot.title(),
                    slot.startDate() == null ? null : Date.valueOf(slot.startDate()),
                    slot.endDate() == null ? null : Date.valueOf(slot.endDate())});
        }
        for (Slot slot : diff.released()) {
            records.add(outbox.record(new SlotReleased(slot.tenantId(), slot.userId(), slot.slotId(),
                    releaseReason.apply(slot))));
            records.add(Outbox.tombstone(Topics.BLOCKED_SLOTS, slot.slotId()));
        }
        outbox.appendAll(records);
        jdbc.batchUpdate("""
                INSERT INTO published_slot (slot_id, tenant_id, user_id, account_id, calendar_id, role, event_uid,
                    recurrence_id, start_at, end_at, all_day, title, start_date, end_date)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (slot_id) DO UPDATE SET role = EXCLUDED.role, start_at = EXCLUDED.start_at,
                    end_at = EXCLUDED.end_at, all_day = EXCLUDED.all_day, title = EXCLUDED.title,
                    start_date = EXCLUDED.start_date, end_date = EXCLUDED.end_date""", upserts);
        if (!diff.released().isEmpty()) {
            jdbc.update("DELETE FROM published_slot WHERE slot_id = ANY (?)",
                    (Object) diff.released().stream().map(Slot::slotId).toArray(String[]::new));
        }
    }

    /**
     * Releases the slots of one calendar that is no longer selected (deselected, its account disconnected, or gone
     * from iCloud), if it still is not: deleting the rows and writing the releases in one transaction.
     *
     * @return how many slots were released
     */
    int releaseOrphaned(UUID accountId, String calendarId, ReleaseReason reason) {
        List<Slot> orphaned = jdbc.query("""
                DELETE FROM published_slot p WHERE account_id = ? AND calendar_id = ?
                  AND NOT EXISTS (SELECT 1 FROM calendar_selection s WHERE s.account_id = p.account_id
                                  AND s.calendar_id = p.calendar_id)
                RETURNING *""", SlotLedger::slot, accountId, calendarId);
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        for (Slot slot : orphaned) {
            records.add(outbox.record(new SlotReleased(slot.tenantId(), slot.userId(), slot.slotId(), reason)));
            records.add(Outbox.tombstone(Topics.BLOCKED_SLOTS, slot.slotId()));
        }
        outbox.appendAll(records);
        return orphaned.size();
    }

    /** Calendars with published slots that are no longer selected, at most {@code limit}. */
    List<Orphan> orphans(int limit) {
        return jdbc.query("""
                SELECT DISTINCT p.account_id, p.calendar_id,
                       EXISTS (SELECT 1 FROM icloud_account a WHERE a.account_id = p.account_id) AS account_exists
                FROM published_slot p
                WHERE NOT EXISTS (SELECT 1 FROM calendar_selection s WHERE s.account_id = p.account_id
                                  AND s.calendar_id = p.calendar_id)
                LIMIT ?""",
                (rs, n) -> new Orphan(rs.getObject(1, UUID.class), rs.getString(2), rs.getBoolean(3)), limit);
    }

    record Orphan(UUID accountId, String calendarId, boolean accountExists) {
        ReleaseReason reason() {
            return accountExists ? ReleaseReason.CALENDAR_DESELECTED : ReleaseReason.ACCOUNT_DISCONNECTED;
        }
    }

    private static Slot slot(ResultSet rs, int row) throws SQLException {
        Date startDate = rs.getDate("start_date");
        Date endDate = rs.getDate("end_date");
        return new Slot(rs.getString("slot_id"), rs.getString("tenant_id"), rs.getString("user_id"),
                rs.getObject("account_id", UUID.class), rs.getString("calendar_id"),
                CalendarRole.valueOf(rs.getString("role")), rs.getString("event_uid"), rs.getString("recurrence_id"),
                rs.getTimestamp("start_at").toInstant(), rs.getTimestamp("end_at").toInstant(),
                rs.getBoolean("all_day"), startDate == null ? null : startDate.toLocalDate(),
                endDate == null ? null : endDate.toLocalDate(), rs.getString("title"));
    }
}
