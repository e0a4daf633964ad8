package io.calsync.worker.account;

import io.calsync.worker.LeaseProperties;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which worker instance works which account. An instance works an account (pushes to it, polls it) only while it
 * holds the account's lease in PostgreSQL; inside the instance, the push and poll threads share the lease, and it
 * is given back when the last of them is done.
 */
@Repository
public class AccountLeases {

    private static final Logger log = LoggerFactory.getLogger(AccountLeases.class);

    private final JdbcClient jdbc;
    private final LeaseProperties properties;
    private final Clock clock;
    private final Map<UUID, Integer> holders = new HashMap<>();

    public AccountLeases(JdbcClient jdbc, LeaseProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    /** Takes or renews the leases of those {@code candidates} no other instance holds; answers the ones now held. */
    public synchronized Set<UUID> acquire(Collection<UUID> candidates) {
        if (candidates.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        Set<UUID> held = new LinkedHashSet<>(jdbc.sql("""
                UPDATE icloud_account SET worker_id = :me, worker_lease_until = :until
                WHERE account_id IN (
                    SELECT account_id FROM icloud_account
                    WHERE account_id = ANY (:candidates)
                      AND (worker_id = :me OR worker_lease_until IS NULL OR worker_lease_until < :now)
                    FOR UPDATE SKIP LOCKED)
                RETURNING account_id""")
                .param("me", properties.instanceId())
                .param("until", Timestamp.from(now.plus(properties.accountLease())))
                .param("candidates", candidates.toArray(UUID[]::new))
                .param("now", Timestamp.from(now))
                .query(UUID.class).list());
        held.forEach(id -> holders.merge(id, 1, Integer::sum));
        return held;
    }

    /**
     * This thread is done with the account; the lease goes back when no thread of this instance needs it. Never
     * fails: when PostgreSQL cannot be told, the lease is no longer renewed and simply runs out (a caller's clean-up
     * after it must not be skipped because the database is away).
     */
    public synchronized void release(UUID accountId) {
        Integer remaining = holders.computeIfPresent(accountId, (id, n) -> n > 1 ? n - 1 : null);
        if (remaining == null) {
            try {
                jdbc.sql("UPDATE icloud_account SET worker_lease_until = NULL WHERE account_id = ? AND worker_id = ?")
                        .params(accountId, properties.instanceId()).update();
            } catch (RuntimeException e) {
                log.warn("Could not give back the lease of account {} now; it runs out in {}: {}", accountId,
                        properties.accountLease(), e.getMessage());
            }
        }
    }

    /** Extends every lease this instance holds: called while work runs, so a slow Apple never lets one expire. */
    public synchronized void renewHeld() {
        if (holders.isEmpty()) {
            return;
        }
        jdbc.sql("UPDATE icloud_account SET worker_lease_until = ? WHERE worker_id = ? AND account_id = ANY (?)")
                .params(Timestamp.from(clock.instant().plus(properties.accountLease())), properties.instanceId(),
                        holders.keySet().toArray(UUID[]::new))
                .update();
    }

    public String instanceId() {
        return properties.instanceId();
    }
}
