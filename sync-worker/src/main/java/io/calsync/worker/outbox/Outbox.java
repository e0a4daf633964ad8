package io.calsync.worker.outbox;

import io.calsync.contracts.CalsyncEvent;
import io.calsync.contracts.wire.EventCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes events to the outbox inside the caller's transaction. Refuses to write outside one: an event written on
 * its own could be sent for state that was then rolled back, or be lost with state that was committed.
 */
@Component
public class Outbox {

    private static final JsonMapper JSON = JsonMapper.shared();

    private final JdbcTemplate jdbc;
    private final EventCodec codec;
    private final OutboxRelay relay;

    Outbox(JdbcTemplate jdbc, EventCodec codec, OutboxRelay relay) {
        this.jdbc = jdbc;
        this.codec = codec;
        this.relay = relay;
    }

    /** Appends one event. */
    public void append(CalsyncEvent event) {
        appendAll(List.of(codec.encode(event)));
    }

    /** Appends records already encoded (events and tombstones), in this order, with one batched statement. */
    public void appendAll(List<ProducerRecord<String, byte[]>> records) {
        if (records.isEmpty()) {
            return;
        }
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("outbox rows are written inside the transaction of the state they reflect");
        }
        List<Object[]> rows = new ArrayList<>(records.size());
        for (ProducerRecord<String, byte[]> record : records) {
            Map<String, String> headers = new LinkedHashMap<>();
            for (Header header : record.headers()) {
                headers.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
            }
            rows.add(new Object[] {record.topic(), record.key(), JSON.writeValueAsString(headers), record.value()});
        }
        jdbc.batchUpdate("INSERT INTO outbox (topic, record_key, headers, record_value) VALUES (?, ?, ?::jsonb, ?)", rows);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                relay.wake();
            }
        });
    }

    /** A record that lets a compacted topic forget {@code key}. */
    public static ProducerRecord<String, byte[]> tombstone(String topic, String key) {
        return EventCodec.tombstone(topic, key);
    }

    /** Encodes an event as the record the relay will send. */
    public ProducerRecord<String, byte[]> record(CalsyncEvent event) {
        return codec.encode(event);
    }
}
