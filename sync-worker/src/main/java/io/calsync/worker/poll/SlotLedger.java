package io.calsync.worker.poll;

import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.ReleaseReason;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotOrigin;
import io.calsync.contracts.SlotReleased;
import io.calsync.contracts.SlotSource;
import io.calsync.contracts.Topics;
import io.calsync.worker.account.CalendarSelection;
import io.calsync.worker.account.CalendarsDeselected;
import io.calsync.service.kafka.EventPublisher;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The slots published per calendar, and publishing changes to them. Each slot is written to the table only after
 * Kafka acknowledged its event, so a crash in between re-publishes (consumers are idempotent) but never loses one.
 */
@Component
class SlotLedger {

    private final JdbcClient jdbc;
    private final EventPublisher events;

    SlotLedger(JdbcClient jdbc, EventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    Map<String, Slot> published(UUID accountId, String calendarId) {
        Map<String, Slot> slots = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM published_slot WHERE account_id = ? AND calendar_id = ?")
                .params(accountId, calendarId)
                .query(SlotLedger::slot).list()
                .forEach(s -> slots.put(s.slotId(), s));
        return slots;
    }

    void apply(SlotDiff diff, Function<Slot, ReleaseReason> releaseReason) {
        for (Slot slot : diff.blocked()) {
            events.publish(new SlotBlocked(slot.tenantId(), slot.userId(), slot.slotId(), SlotSource.ICLOUD,
                    new SlotOrigin(slot.accountId().toString(), slot.calendarId(), slot.role(), slot.eventUid(),
                            slot.recurrenceId()),
                    slot.start(), slot.end(), slot.allDay(), slot.title(), text(slot.startDate()), text(slot.endDate())));
            jdbc.sql("""
                    INSERT INTO published_slot (slot_id, tenant_id, user_id, account_id, calendar_id, role, event_uid,
                        recurrence_id, start_at, end_at, all_day, title)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (slot_id) DO UPDATE SET role = EXCLUDED.role, start_at = EXCLUDED.start_at,
                        end_at = EXCLUDED.end_at, all_day = EXCLUDED.all_day, title = EXCLUDED.title""")
                    .params(slot.slotId(), slot.tenantId(), slot.userId(), slot.accountId(), slot.calendarId(),
                            slot.role().name(), slot.eventUid(), slot.recurrenceId(), Timestamp.from(slot.start()),
                            Timestamp.from(slot.end()), slot.allDay(), slot.title())
                    .update();
        }
        for (Slot slot : diff.released()) {
            events.publish(new SlotReleased(slot.tenantId(), slot.userId(), slot.slotId(), releaseReason.apply(slot)));
            events.tombstone(Topics.BLOCKED_SLOTS, slot.slotId());
            jdbc.sql("DELETE FROM published_slot WHERE slot_id = ?").param(slot.slotId()).update();
        }
    }

    /** Product rule: deselecting a calendar or disconnecting its account releases all its slots. */
    @EventListener
    void onCalendarsDeselected(CalendarsDeselected deselected) {
        for (CalendarSelection calendar : deselected.calendars()) {
            apply(SlotDiff.between(published(calendar.accountId(), calendar.calendarId()), Map.of()),
                    slot -> deselected.reason());
        }
    }

    private static String text(java.time.LocalDate date) {
        return date == null ? null : date.toString();
    }

    private static Slot slot(ResultSet rs, int row) throws SQLException {
        return new Slot(rs.getString("slot_id"), rs.getString("tenant_id"), rs.getString("user_id"),
                rs.getObject("account_id", UUID.class), rs.getString("calendar_id"),
                CalendarRole.valueOf(rs.getString("role")), rs.getString("event_uid"), rs.getString("recurrence_id"),
                rs.getTimestamp("start_at").toInstant(), rs.getTimestamp("end_at").toInstant(),
                rs.getBoolean("all_day"), null, null, rs.getString("title"));
    }
}
