package io.calsync.service.kafka;

import io.calsync.contracts.Topics;
import io.calsync.contracts.wire.EventCodec;
import io.calsync.contracts.wire.InvalidEventException;
import java.net.URI;
import java.time.Clock;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;

@Configuration(proxyBeanMethods = false)
public class KafkaConfiguration {

    private static final Logger log = LoggerFactory.getLogger(KafkaConfiguration.class);

    /** Events this service writes carry {@code /calsync/<spring.application.name>} as their CloudEvents source. */
    @Bean
    EventCodec eventCodec(Clock clock, @Value("${spring.application.name}") String applicationName) {
        return new EventCodec(URI.create("/calsync/" + applicationName.replaceFirst("^calsync-", "")), clock);
    }

    @Bean
    KafkaAdmin.NewTopics calsyncTopics(KafkaProperties properties) {
        return new KafkaAdmin.NewTopics(Topics.definitions(properties.partitions(), properties.replicationFactor())
                .toArray(NewTopic[]::new));
    }

    /**
     * A record that cannot be read, or whose values PostgreSQL refuses, goes to {@code <topic>.dlt} at once (Spring
     * adds the {@code kafka_dlt-*} headers: exception, message, original topic, partition and offset); any other
     * failure (PostgreSQL restarting or unreachable, the broker away) is retried with back-off for as long as it
     * lasts: the partition waits, and a valid record is never dead-lettered because of an outage.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template) {
        return untilItPasses(template);
    }

    /** The error handler of {@link #kafkaErrorHandler}: dead-letters only what is the record's fault. */
    public static DefaultErrorHandler untilItPasses(KafkaTemplate<String, byte[]> template) {
        ExponentialBackOff untilItPasses = new ExponentialBackOff(200, 2.0);
        untilItPasses.setMaxInterval(5_000);
        DefaultErrorHandler handler = deadLettering(template, untilItPasses);
        handler.addNotRetryableExceptions(UnstorableRecordException.class);
        return handler;
    }

    /**
     * An error handler that retries with {@code backOff} and then sends the record to {@code <topic>.dlt}; an
     * unreadable record ({@link InvalidEventException}) goes there at once.
     */
    public static DefaultErrorHandler deadLettering(KafkaTemplate<String, byte[]> template, BackOff backOff) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
            log.warn("Sending record {}-{}@{} to the dead-letter topic: {}", record.topic(), record.partition(),
                    record.offset(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            recoverer.accept(record, e);
        }, backOff);
        handler.addNotRetryableExceptions(InvalidEventException.class);
        return handler;
    }
}
