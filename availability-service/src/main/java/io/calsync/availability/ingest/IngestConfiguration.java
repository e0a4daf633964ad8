package io.calsync.availability.ingest;

import io.calsync.contracts.Topics;
import io.calsync.contracts.wire.InvalidEventException;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The listeners' container factory: records come in batches (one transaction and a few multi-row statements a batch),
 * an unreadable or unstorable record goes to {@code <topic>.dlt} at once with the reason in Spring's
 * {@code kafka_dlt-*} headers, and any other failure (PostgreSQL restarting or unreachable) retries the batch with
 * back-off for as long as it lasts: the consumer stays in its group, the records are never dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    static final String FACTORY = "availabilityIngest";
    private static final Logger log = LoggerFactory.getLogger(IngestConfiguration.class);

    @Bean(FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> availabilityIngest(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            KafkaTemplate<String, byte[]> template) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(errorHandler(template));
        return factory;
    }

    private static DefaultErrorHandler errorHandler(KafkaTemplate<String, byte[]> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        ExponentialBackOff untilItPasses = new ExponentialBackOff(200, 2.0);
        untilItPasses.setMaxInterval(5_000);
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
            log.warn("Sending record {}-{}@{} to the dead-letter topic: {}", record.topic(), record.partition(),
                    record.offset(), e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            recoverer.accept(record, e);
        }, untilItPasses);
        handler.addNotRetryableExceptions(InvalidEventException.class, UnstorableRecordException.class);
        return handler;
    }
}
