package io.calsync.availability.schedule;

import io.calsync.availability.domain.Schedule;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.SqlArrayValue;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Users' schedules, kept as their checked document. */
@Repository
public class ScheduleStore {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final Clock clock;

    ScheduleStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public Optional<Schedule> find(String tenantId, String userId) {
        return document(tenantId, userId).map(ScheduleDocument::toSchedule);
    }

    /** The schedules of several users; users without one are not in the map. */
    public Map<String, Schedule> find(String tenantId, List<String> userIds) {
        Map<String, Schedule> schedules = new HashMap<>();
        jdbc.sql("SELECT user_id, document FROM user_schedule WHERE tenant_id = ? AND user_id = ANY(?)")
                .params(tenantId, new SqlArrayValue("text", userIds.toArray()))
                .query(rs -> {
                    schedules.put(rs.getString(1), JSON.readValue(rs.getString(2), ScheduleDocument.class).toSchedule());
                });
        return schedules;
    }

    Optional<ScheduleDocument> document(String tenantId, String userId) {
        return jdbc.sql("SELECT document FROM user_schedule WHERE tenant_id = ? AND user_id = ?")
                .params(tenantId, userId).query(String.class).optional()
                .map(text -> JSON.readValue(text, ScheduleDocument.class));
    }

    void save(String tenantId, String userId, Schedule schedule) {
        jdbc.sql("""
                INSERT INTO user_schedule (tenant_id, user_id, document, updated_at) VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id, user_id) DO UPDATE SET document = EXCLUDED.document,
                    updated_at = EXCLUDED.updated_at""")
                .params(tenantId, userId, JSON.writeValueAsString(ScheduleDocument.of(schedule)),
                        Timestamp.from(clock.instant()))
                .update();
    }

    boolean delete(String tenantId, String userId) {
        return jdbc.sql("DELETE FROM user_schedule WHERE tenant_id = ? AND user_id = ?").params(tenantId, userId)
                .update() > 0;
    }
}
