package io.calsync.availability.ingest;

import io.calsync.service.kafka.StoreFailures;
import io.calsync.service.kafka.UnstorableRecordException;
import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.CalsyncEvent;
import io.calsync.contracts.IntegrationEvent;
import io.calsync.contracts.SlotEvent;
import io.calsync.contracts.Topics;
import io.calsync.contracts.wire.EventCodec;
import io.calsync.contracts.wire.InvalidEventException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;

/**
 * One batch listener per consumed topic. A batch is decoded in order; at the first unreadable record (or an event of a
 * type that does not belong on the topic) the records before it are stored and the error handler is told its index:
 * it dead-letters that record and hands the rest back in the next batch.
 */
@Component
class TopicListeners {

    /** Batches that failed for a reason that passes by itself, and will be tried again. */
    static final String TRANSIENT_FAILURES = "calsync.availability.ingest.transient.failures";

    private final EventCodec codec;
    private final Materializer materializer;
    private final MeterRegistry meters;

    TopicListeners(EventCodec codec, Materializer materializer, MeterRegistry meters) {
        this.codec = codec;
        this.materializer = materializer;
        this.meters = meters;
        List.of(Topics.APPOINTMENTS, Topics.BLOCKED_SLOTS, Topics.INTEGRATIONS).forEach(this::transientFailures);
    }

    @KafkaListener(id = "availability-appointments", idIsGroup = false, topics = Topics.APPOINTMENTS,
            containerFactory = IngestConfiguration.FACTORY)
    void onAppointments(List<ConsumerRecord<String, byte[]>> records) {
        ingest(records, record -> EventCodec.isTombstone(record) ? null : expect(record, AppointmentEvent.class),
                materializer::applyAppointments, Topics.APPOINTMENTS);
    }

    @KafkaListener(id = "availability-blocked-slots", idIsGroup = false, topics = Topics.BLOCKED_SLOTS,
            containerFactory = IngestConfiguration.FACTORY)
    void onBlockedSlots(List<ConsumerRecord<String, byte[]>> records) {
        ingest(records, this::slotChange, materializer::applySlots, Topics.BLOCKED_SLOTS);
    }

    @KafkaListener(id = "availability-integrations", idIsGroup = false, topics = Topics.INTEGRATIONS,
            containerFactory = IngestConfiguration.FACTORY)
    void onIntegrations(List<ConsumerRecord<String, byte[]>> records) {
        ingest(records, record -> EventCodec.isTombstone(record) ? null : expect(record, IntegrationEvent.class),
                materializer::applyIntegrations, Topics.INTEGRATIONS);
    }

    private SlotChange slotChange(ConsumerRecord<String, byte[]> record) {
        if (EventCodec.isTombstone(record)) {
            return record.key() == null ? null : SlotChange.forgotten(record.key());
        }
        return SlotChange.of(expect(record, SlotEvent.class));
    }

    /**
     * Decodes the batch ({@code decode} answers null for records that change nothing) and stores it. When PostgreSQL
     * refuses the batch's values, the record at fault is found by storing the batch record by record; any other
     * failure is thrown as it is, and the error handler retries the batch until it passes.
     */
    private <T> void ingest(List<ConsumerRecord<String, byte[]>> records, Decoder<T> decode, Consumer<List<T>> store,
            String topic) {
        List<T> decoded = new ArrayList<>(records.size());
        List<Integer> indexes = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            T item;
            try {
                item = decode.apply(records.get(i));
            } catch (InvalidEventException unreadable) {
                store(decoded, indexes, store, topic);
                throw new BatchListenerFailedException(unreadable.getMessage(), unreadable, records.get(i));
            }
            if (item != null) {
                decoded.add(item);
                indexes.add(i);
            }
        }
        store(decoded, indexes, store, topic);
    }

    private <T> void store(List<T> items, List<Integer> indexes, Consumer<List<T>> store, String topic) {
        if (items.isEmpty()) {
            return;
        }
        try {
            store.accept(items);
        } catch (RuntimeException e) {
            if (!StoreFailures.isTheRecordsFault(e)) {
                transientFailures(topic).increment();
                throw e;
            }
            for (int i = 0; i < items.size(); i++) {
                try {
                    store.accept(List.of(items.get(i)));
                } catch (RuntimeException one) {
                    if (!StoreFailures.isTheRecordsFault(one)) {
                        transientFailures(topic).increment();
                        throw one;
                    }
                    UnstorableRecordException unstorable = new UnstorableRecordException(one);
                    throw new BatchListenerFailedException(unstorable.getMessage(), unstorable,
                            indexes.get(i));
                }
            }
        }
    }

    private <T extends CalsyncEvent> T expect(ConsumerRecord<String, byte[]> record, Class<T> type) {
        CalsyncEvent event = codec.decode(record).data();
        if (!type.isInstance(event)) {
            throw new InvalidEventException("ce_type", event.type().ceType() + " does not belong on " + record.topic());
        }
        return type.cast(event);
    }

    private Counter transientFailures(String topic) {
        return Counter.builder(TRANSIENT_FAILURES).tag("topic", topic)
                .description("ingest batches that failed transiently (PostgreSQL away) and are retried").register(meters);
    }

    @FunctionalInterface
    private interface Decoder<T> {
        T apply(ConsumerRecord<String, byte[]> record);
    }
}
