package io.calsync.worker.status;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The worker's state as gauges, read from PostgreSQL every {@code calsync.metrics.refresh} (15 s) rather than at
 * every scrape: accounts by status, selected calendars by sync state, the age of the oldest successful sync among
 * connected accounts' calendars, pushes pending, the outbox's backlog and the age of its oldest record. No tag names
 * an account: per-account detail is the sync-status endpoint's.
 */
@Component
class SyncGauges {

    private static final Logger log = LoggerFactory.getLogger(SyncGauges.class);
    private static final List<String> ACCOUNT_STATES = List.of("CONNECTED", "NEEDS_REAUTH");
    private static final List<String> CALENDAR_STATES = List.of("OK", "FAILING", "PAUSED", "PENDING");

    private final JdbcClient jdbc;
    private final Clock clock;
    private final AtomicReference<Snapshot> snapshot = new AtomicReference<>(Snapshot.EMPTY);

    record Snapshot(Map<String, Long> accounts, Map<String, Long> calendars, double oldestSuccessSeconds,
            long pendingPushes, long outboxBacklog, double outboxOldestSeconds) {
        static final Snapshot EMPTY = new Snapshot(Map.of(), Map.of(), 0, 0, 0, 0);
    }

    SyncGauges(JdbcClient jdbc, Clock clock, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.clock = clock;
        for (String status : ACCOUNT_STATES) {
            Gauge.builder("calsync.accounts", snapshot, s -> s.get().accounts().getOrDefault(status, 0L))
                    .tag("status", status).description("iCloud accounts by status").register(meters);
        }
        for (String state : CALENDAR_STATES) {
            Gauge.builder("calsync.calendars", snapshot, s -> s.get().calendars().getOrDefault(state, 0L))
                    .tag("state", state).description("Selected calendars by sync state").register(meters);
        }
        Gauge.builder("calsync.calendars.oldest.success.age", snapshot, s -> s.get().oldestSuccessSeconds())
                .baseUnit("seconds").description("Since the least recent successful sync of a connected account's"
                        + " selected calendar").register(meters);
        Gauge.builder("calsync.push.pending", snapshot, s -> s.get().pendingPushes())
                .description("Appointments waiting to be pushed").register(meters);
        Gauge.builder("calsync.outbox.backlog", snapshot, s -> s.get().outboxBacklog())
                .description("Events waiting in the outbox for Kafka").register(meters);
        Gauge.builder("calsync.outbox.oldest.age", snapshot, s -> s.get().outboxOldestSeconds()).baseUnit("seconds")
                .description("Age of the oldest event waiting in the outbox").register(meters);
    }

    @Scheduled(initialDelayString = "${calsync.metrics.refresh:15s}", fixedDelayString = "${calsync.metrics.refresh:15s}")
    void refresh() {
        try {
            snapshot.set(read());
        } catch (RuntimeException e) {
            log.warn("Could not read the sync gauges from PostgreSQL: {}", e.getMessage());
        }
    }

    Snapshot read() {
        Instant now = clock.instant();
        Map<String, Long> accounts = new HashMap<>();
        jdbc.sql("SELECT status, count(*) AS n FROM icloud_account GROUP BY status")
                .query(rs -> {
                    accounts.put(rs.getString("status"), rs.getLong("n"));
                });
        Map<String, Long> calendars = new HashMap<>();
        jdbc.sql("""
                SELECT COALESCE(reported_state, CASE WHEN last_success_at IS NULL THEN 'PENDING' ELSE 'OK' END) AS state,
                       count(*) AS n
                FROM calendar_selection GROUP BY 1""")
                .query(rs -> {
                    calendars.put(rs.getString("state"), rs.getLong("n"));
                });
        Timestamp oldestSuccess = jdbc.sql("""
                SELECT min(s.last_success_at) FROM calendar_selection s
                JOIN icloud_account a ON a.account_id = s.account_id WHERE a.status = 'CONNECTED'""")
                .query(Timestamp.class).optional().orElse(null);
        long pending = jdbc.sql("SELECT count(*) FROM appointment WHERE sync_state = 'PENDING'").query(Long.class).single();
        Map<String, Object> outbox = jdbc.sql("SELECT count(*) AS n, min(created_at) AS oldest FROM outbox")
                .query().singleRow();
        Timestamp oldestOutbox = (Timestamp) outbox.get("oldest");
        return new Snapshot(accounts, calendars, secondsSince(oldestSuccess, now), pending,
                ((Number) outbox.get("n")).longValue(), secondsSince(oldestOutbox, now));
    }

    private static double secondsSince(Timestamp timestamp, Instant now) {
        return timestamp == null ? 0 : Math.max(0, Duration.between(timestamp.toInstant(), now).toMillis() / 1000.0);
    }
}
