package io.calsync.testsupport;

import io.calsync.contracts.CalsyncEvent;
import io.calsync.contracts.wire.EventCodec;
import io.calsync.contracts.wire.InvalidEventException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * Reads topics in the background from their start and keeps every record, decoded where it is an event; and
 * publishes events or raw records the way a producer of the platform would.
 */
public final class KafkaEvents implements AutoCloseable {

    /** A record as it arrived, with its event if it decodes. */
    public record Received(ConsumerRecord<String, byte[]> record, CalsyncEvent event) {
    }

    private final String bootstrap;
    private final EventCodec codec = new EventCodec(URI.create("/tests"));
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final KafkaProducer<String, byte[]> producer;
    private final Thread reader;
    private volatile boolean running = true;

    public KafkaEvents(String bootstrap, String... topics) {
        this.bootstrap = bootstrap;
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        this.reader = new Thread(() -> read(topics), "kafka-events-" + String.join(",", topics));
        this.reader.setDaemon(true);
        this.reader.start();
    }

    private void read(String... topics) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "tests-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.METADATA_MAX_AGE_CONFIG, 1000,
                // the broker answers a fetch as soon as a record arrives; this only bounds an idle fetch, which at
                // Kafka's 500 ms would ask twice a second for nothing
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 5000,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topics));
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    CalsyncEvent event = null;
                    if (record.value() != null) {
                        try {
                            event = codec.decode(record).data();
                        } catch (InvalidEventException notAnEvent) {
                            // kept as a raw record: tests of dead-letter topics look at those
                        }
                    }
                    received.add(new Received(record, event));
                }
            }
        }
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    /** Every decoded event of {@code type} so far. */
    public <T extends CalsyncEvent> List<T> events(Class<T> type) {
        return received.stream().map(Received::event).filter(type::isInstance).map(type::cast).toList();
    }

    /** Waits until an event of {@code type} matching {@code condition} arrived, and answers it. */
    public <T extends CalsyncEvent> T await(Class<T> type, Predicate<T> condition, Duration atMost) {
        return Awaitility.await(type.getSimpleName()).atMost(atMost).pollInterval(Duration.ofMillis(50))
                .until(() -> events(type).stream().filter(condition).findFirst().orElse(null), e -> e != null);
    }

    /** {@link #await(Class, Predicate, Duration)} for up to a minute: long only when a loaded machine is slow. */
    public <T extends CalsyncEvent> T await(Class<T> type, Predicate<T> condition) {
        return await(type, condition, Duration.ofSeconds(60));
    }

    private final Map<String, Long> publishedAt = new java.util.concurrent.ConcurrentHashMap<>();

    public void publish(CalsyncEvent event) {
        var record = codec.encode(event);
        try {
            publishedAt.put(event.key(), producer.send(record).get().timestamp());
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    /** Publishes all events without waiting for each acknowledgement, then waits for all of them. */
    public void publishAll(List<? extends CalsyncEvent> batch) {
        List<java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata>> sent = new ArrayList<>();
        for (CalsyncEvent event : batch) {
            sent.add(producer.send(codec.encode(event)));
        }
        for (int i = 0; i < batch.size(); i++) {
            try {
                publishedAt.put(batch.get(i).key(), sent.get(i).get().timestamp());
            } catch (Exception e) {
                throw new IllegalStateException("could not publish " + batch.get(i).key(), e);
            }
        }
    }

    /** When the broker took the last event published here under {@code key} (the record's timestamp). */
    public long publishedAt(String key) {
        return publishedAt.get(key);
    }

    public void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + record.topic(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        producer.close();
    }
}
