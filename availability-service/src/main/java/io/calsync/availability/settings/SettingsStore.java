package io.calsync.availability.settings;

import io.calsync.availability.domain.FreshnessSettings;
import io.calsync.availability.domain.StalePolicy;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants' availability settings; a tenant without any has {@link FreshnessSettings#DEFAULTS}. */
@Repository
public class SettingsStore {

    private final JdbcClient jdbc;
    private final Clock clock;

    SettingsStore(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    public FreshnessSettings of(String tenantId) {
        return jdbc.sql("SELECT stale_after_seconds, stale_policy FROM availability_settings WHERE tenant_id = ?")
                .param(tenantId)
                .query((rs, n) -> new FreshnessSettings(Duration.ofSeconds(rs.getLong(1)),
                        StalePolicy.valueOf(rs.getString(2))))
                .optional().orElse(FreshnessSettings.DEFAULTS);
    }

    void save(String tenantId, FreshnessSettings settings) {
        jdbc.sql("""
                INSERT INTO availability_settings (tenant_id, stale_after_seconds, stale_policy, updated_at)
                VALUES (?, ?, ?, ?)
                ON CONFLICT (tenant_id) DO UPDATE SET stale_after_seconds = EXCLUDED.stale_after_seconds,
                    stale_policy = EXCLUDED.stale_policy, updated_at = EXCLUDED.updated_at""")
                .params(tenantId, settings.staleAfter().toSeconds(), settings.policy().name(),
                        Timestamp.from(clock.instant()))
                .update();
    }
}
