package io.calsync.worker;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.UUID;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How worker instances share accounts.
 *
 * @param instanceId this instance's name in the leases (default: host, process id and a random part)
 * @param accountLease how long an account stays with an instance that stopped renewing (crashed)
 */
@ConfigurationProperties("calsync.worker")
public record LeaseProperties(String instanceId, @DefaultValue("30s") Duration accountLease) {

    public LeaseProperties {
        if (instanceId == null || instanceId.isBlank()) {
            instanceId = ManagementFactory.getRuntimeMXBean().getName() + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
