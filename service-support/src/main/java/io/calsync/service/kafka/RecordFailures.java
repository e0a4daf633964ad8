package io.calsync.service.kafka;

import io.calsync.contracts.wire.InvalidEventException;
import io.calsync.service.failure.Failure;
import io.calsync.service.failure.FailureClassifier;
import io.calsync.service.failure.FailurePolicy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.springframework.dao.DataAccessException;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.messaging.converter.MessageConversionException;
import org.springframework.transaction.TransactionException;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * The Kafka error handlers' side of the {@link FailureClassifier}: what a listener's failure is in calsync's terms
 * ({@link #of}), and the back-off the classifier decides for it ({@link #backOff}): an unreadable record is given up
 * at once (to its dead-letter topic), PostgreSQL or the broker away is retried for as long as it lasts, a defect
 * slowly.
 */
public final class RecordFailures {

    /** Between two attempts at a record whose store or broker is away: at most this long. */
    static final Duration MAX_BACKOFF = Duration.ofSeconds(5);

    private static final FailureClassifier CLASSIFIER = new FailureClassifier(MAX_BACKOFF, MAX_BACKOFF);

    private RecordFailures() {
    }

    /** The failure of a listener (its causes searched: Spring wraps what a listener throws). */
    public static Failure of(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof InvalidEventException || t instanceof DeserializationException
                    || t instanceof MessageConversionException || t instanceof UnstorableRecordException) {
                return new Failure.Unreadable(t.getMessage());
            }
        }
        if (StoreFailures.isTheRecordsFault(thrown)) {
            return new Failure.Unreadable("PostgreSQL refused the record's values");
        }
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException || t instanceof DataAccessException || t instanceof TransactionException
                    || t instanceof KafkaException) {
                return new Failure.StoreUnavailable(t.getClass().getSimpleName() + ": " + t.getMessage());
            }
        }
        return new Failure.Defect(thrown.getClass().getSimpleName() + ": " + thrown.getMessage());
    }

    /** The back-off for one failed record, each attempt as the classifier decides; none for what is given up. */
    static BackOff backOff(ConsumerRecord<?, ?> record, Exception thrown) {
        Failure failure = of(thrown);
        return () -> new BackOffExecution() {
            private int attempts;

            @Override
            public long nextBackOff() {
                FailurePolicy policy = CLASSIFIER.decide(failure, attempts++, ThreadLocalRandom.current().nextDouble());
                if (policy instanceof FailurePolicy.RetryLater retry) {
                    return retry.delay().toMillis();
                }
                if (policy instanceof FailurePolicy.Bug bug) {
                    return bug.delay().toMillis();
                }
                return STOP;
            }
        };
    }
}
