package io.calsync.service.kafka;

import io.calsync.contracts.Topics;
import io.calsync.contracts.wire.EventCodec;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.FixedBackOff;

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
     * Every listener container's rebalances (Spring Boot gives this listener to the container factories), and the
     * readiness health indicator {@code consumersJoined}: up once every consumer joined its group.
     */
    @Bean
    GroupMembership consumersJoined(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        return new GroupMembership(registry);
    }

    /**
     * A record that cannot be read, or whose values PostgreSQL refuses, goes to {@code <topic>.dlt} at once (Spring
     * adds the {@code kafka_dlt-*} headers: exception, message, original topic, partition and offset); any other
     * failure (PostgreSQL restarting or unreachable, the broker away) is retried with back-off for as long as it
     * lasts: the partition waits, and a valid record is never dead-lettered because of an outage. The {@link
     * io.calsync.service.failure.FailureClassifier} decides, through {@link RecordFailures}.
     */
    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<String, byte[]> template) {
        return untilItPasses(template);
    }

    /** The error handler of {@link #kafkaErrorHandler}: dead-letters only what is the record's fault. */
    public static DefaultErrorHandler untilItPasses(KafkaTemplate<String, byte[]> template) {
        DeadLetterPublishingRecoverer recoverer = new DeadLetterPublishingRecoverer(template,
                (record, e) -> new TopicPartition(Topics.deadLetter(record.topic()), -1));
        DefaultErrorHandler handler = new DefaultErrorHandler((record, e) -> {
            log.warn("Sending record {}-{}@{} to the dead-letter topic: {}", record.topic(), record.partition(),
                    record.offset(), RecordFailures.of(e).detail());
            recoverer.accept(record, e);
        }, new FixedBackOff(0, 0));
        // every exception goes to the back-off function, which asks the classifier: no second list of exception types
        handler.setClassifications(Map.of(), true);
        handler.setBackOffFunction(RecordFailures::backOff);
        return handler;
    }
}
