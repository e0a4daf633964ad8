package io.calsync.service.kafka;

import io.calsync.contracts.CalsyncEvent;
import io.calsync.contracts.wire.EventCodec;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Publishes events and waits for the broker's acknowledgement, so that a caller who records "published" in the
 * database only does so once the event is safely in Kafka.
 */
@Component
public class EventPublisher {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(EventPublisher.class);

    private static final long ACK_TIMEOUT_SECONDS = 30;

    private final KafkaTemplate<String, byte[]> kafka;
    private final EventCodec codec;

    public EventPublisher(KafkaTemplate<String, byte[]> kafka, EventCodec codec) {
        this.kafka = kafka;
        this.codec = codec;
    }

    public void publish(CalsyncEvent event) {
        await(kafka.send(codec.encode(event)), event.type().ceType());
    }

    /**
     * Publishes without waiting: for notifications whose loss a retry of the caller would not repair anyway. A
     * failure is logged with the event type and key.
     */
    public void publishAsync(CalsyncEvent event) {
        kafka.send(codec.encode(event)).whenComplete((result, failure) -> {
            if (failure != null) {
                log.error("Publishing {} for {} failed: {}", event.type().ceType(), event.key(), failure.getMessage());
            }
        });
    }

    /** Lets a compacted topic forget {@code key} once its last event was a release. */
    public void tombstone(String topic, String key) {
        await(kafka.send(EventCodec.tombstone(topic, key)), "tombstone");
    }

    private static void await(java.util.concurrent.CompletableFuture<?> sent, String what) {
        try {
            sent.get(ACK_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing " + what, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("publishing " + what + " to Kafka failed: " + e.getMessage(), e);
        }
    }
}
