package io.calsync.worker.outbox;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends outbox rows to Kafka: in id order, a batch at a time, by one instance at a time (a PostgreSQL advisory
 * lock held for the round's transaction), so that the events of one key arrive in the order they were written.
 * A batch is sent without waiting per record, then the round waits for every acknowledgement and deletes the rows
 * in the same transaction; if anything fails, the transaction rolls back and the whole batch is sent again.
 */
@Component
class OutboxRelay implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
    private static final JsonMapper JSON = JsonMapper.shared();
    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {
    };
    /** Any fixed number: the advisory lock that makes one relay at a time send. */
    private static final long RELAY_LOCK = 0x63616c73796e63L;

    private record Row(long id, ProducerRecord<String, byte[]> record) {
    }

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final KafkaTemplate<String, byte[]> kafka;
    private final OutboxProperties properties;
    private final Semaphore wakeUp = new Semaphore(0);
    private volatile Thread thread;
    private volatile boolean running;

    OutboxRelay(JdbcTemplate jdbc, TransactionTemplate transaction, KafkaTemplate<String, byte[]> kafka,
            OutboxProperties properties) {
        this.jdbc = jdbc;
        this.transaction = transaction;
        this.kafka = kafka;
        this.properties = properties;
    }

    /** New rows were committed: send them now rather than at the next interval. */
    void wake() {
        if (wakeUp.availablePermits() == 0) {
            wakeUp.release();
        }
    }

    /**
     * One round: sends up to a batch of rows and deletes them once acknowledged.
     *
     * @return rows sent, or -1 when another instance holds the relay lock
     */
    int relayOnce() {
        Integer sent = transaction.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, RELAY_LOCK))) {
                return -1;
            }
            List<Row> rows = jdbc.query(
                    "SELECT id, topic, record_key, headers::text, record_value FROM outbox ORDER BY id LIMIT ?",
                    (rs, n) -> new Row(rs.getLong(1), record(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBytes(5))),
                    properties.batchSize());
            if (rows.isEmpty()) {
                return 0;
            }
            List<CompletableFuture<?>> acks = new ArrayList<>(rows.size());
            rows.forEach(row -> acks.add(kafka.send(row.record())));
            kafka.flush();
            awaitAll(acks, rows.size());
            jdbc.update("DELETE FROM outbox WHERE id = ANY (?)",
                    (Object) rows.stream().map(Row::id).toArray(Long[]::new));
            return rows.size();
        });
        return sent == null ? 0 : sent;
    }

    private void awaitAll(List<CompletableFuture<?>> acks, int count) {
        try {
            CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                    .get(properties.ackTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka to acknowledge " + count + " records", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not acknowledge " + count + " outbox records: "
                    + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
        }
    }

    private static ProducerRecord<String, byte[]> record(String topic, String key, String headers, byte[] value) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        JSON.readValue(headers, HEADERS).forEach((name, text) ->
                record.headers().add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
        return record;
    }

    private void run() {
        int failures = 0;
        while (running) {
            try {
                int sent = relayOnce();
                failures = 0;
                if (sent < properties.batchSize()) {
                    wakeUp.tryAcquire(properties.interval().toMillis(), TimeUnit.MILLISECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                failures++;
                log.warn("Outbox relay round failed (attempt {}), the batch stays and is sent again: {}", failures,
                        e.getMessage());
                try {
                    wakeUp.tryAcquire(Math.min(30_000, 200L << Math.min(failures, 8)), TimeUnit.MILLISECONDS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Rows waiting to be sent, and the age of the oldest in seconds: for health and metrics. */
    Backlog backlog() {
        return jdbc.queryForObject("""
                SELECT count(*), coalesce(extract(epoch FROM now() - min(created_at)), 0) FROM outbox""",
                (rs, n) -> new Backlog(rs.getLong(1), rs.getDouble(2)));
    }

    record Backlog(long rows, double oldestSeconds) {
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::run, "calsync-outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        // stops before the Kafka producer and the datasource go away
        return Integer.MAX_VALUE - 1000;
    }
}
