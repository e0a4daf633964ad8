package io.calsync.worker.outbox;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay that sends outbox rows to Kafka.
 *
 * @param batchSize rows sent per round (one transaction, one wait for the broker's acknowledgements)
 * @param interval how long the relay waits for new rows when it found none; rows written by this instance wake
 *     it at once, rows of other instances wait at most this long
 * @param ackTimeout how long a round waits for the broker before it gives up and sends the batch again later
 */
@ConfigurationProperties("calsync.outbox")
public record OutboxProperties(
        @DefaultValue("1000") int batchSize,
        @DefaultValue("200ms") Duration interval,
        @DefaultValue("30s") Duration ackTimeout) {
}
