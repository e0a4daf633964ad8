package io.calsync.service.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.wire.InvalidEventException;
import io.calsync.service.failure.Failure;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.BackOffExecution;

/** What the Kafka error handlers dead-letter, and what they retry for as long as it lasts. */
class RecordFailuresUnitTests {

    private static final ConsumerRecord<String, byte[]> RECORD = new ConsumerRecord<>("calsync.appointments", 0, 7,
            "k", new byte[0]);

    @Test
    void anUnreadableRecordIsUnreadableHoweverSpringWrapsIt() {
        assertThat(RecordFailures.of(new ListenerExecutionFailedException("listener failed",
                new InvalidEventException("ce_type", "missing")))).isInstanceOf(Failure.Unreadable.class);
        UnstorableRecordException unstorable = new UnstorableRecordException(new SQLException("too long", "22001"));
        assertThat(RecordFailures.of(new BatchListenerFailedException("batch", unstorable, 3)))
                .isInstanceOf(Failure.Unreadable.class);
        assertThat(RecordFailures.of(new DataAccessResourceFailureException("insert",
                new SQLException("duplicate key", "23505")))).isInstanceOf(Failure.Unreadable.class);
    }

    @Test
    void postgresqlOrTheBrokerAwayIsTheStoreUnavailable() {
        assertThat(RecordFailures.of(new ListenerExecutionFailedException("listener failed",
                new DataAccessResourceFailureException("no connection", new SQLException("refused", "08001")))))
                .isInstanceOf(Failure.StoreUnavailable.class);
        assertThat(RecordFailures.of(new TimeoutException("metadata not available")))
                .isInstanceOf(Failure.StoreUnavailable.class);
    }

    @Test
    void anythingElseIsADefect() {
        assertThat(RecordFailures.of(new IllegalStateException("oops"))).isInstanceOf(Failure.Defect.class);
    }

    @Test
    void anUnreadableRecordIsNotRetried() {
        BackOffExecution execution = RecordFailures.backOff(RECORD,
                new ListenerExecutionFailedException("x", new InvalidEventException("ce_id", "missing"))).start();

        assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
    }

    @Test
    void aStoreAwayIsRetriedForAsLongAsItLastsAtMostFiveSecondsApart() {
        BackOffExecution execution = RecordFailures.backOff(RECORD, new DataAccessResourceFailureException("down")).start();

        for (int attempt = 0; attempt < 1_000; attempt++) {
            assertThat(execution.nextBackOff()).isBetween(1L, RecordFailures.MAX_BACKOFF.toMillis());
        }
    }

    @Test
    void aDefectIsRetriedToo() {
        BackOffExecution execution = RecordFailures.backOff(RECORD, new NullPointerException()).start();

        for (int attempt = 0; attempt < 100; attempt++) {
            assertThat(execution.nextBackOff()).isNotEqualTo(BackOffExecution.STOP);
        }
    }
}
