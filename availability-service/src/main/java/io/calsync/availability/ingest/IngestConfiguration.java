package io.calsync.availability.ingest;

import io.calsync.service.kafka.KafkaConfiguration;
import org.springframework.boot.kafka.autoconfigure.ConcurrentKafkaListenerContainerFactoryConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * The listeners' container factory: records come in batches (one transaction and a few multi-row statements a batch),
 * an unreadable record, or one whose values PostgreSQL refuses, goes to {@code <topic>.dlt} at once with the reason
 * in Spring's {@code kafka_dlt-*} headers, and any other failure (PostgreSQL restarting or unreachable) retries the
 * batch with back-off for as long as it lasts: the consumer stays in its group, the records are never dead-lettered.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    static final String FACTORY = "availabilityIngest";

    @Bean(FACTORY)
    ConcurrentKafkaListenerContainerFactory<Object, Object> availabilityIngest(
            ConcurrentKafkaListenerContainerFactoryConfigurer configurer, ConsumerFactory<Object, Object> consumers,
            KafkaTemplate<String, byte[]> template) {
        ConcurrentKafkaListenerContainerFactory<Object, Object> factory = new ConcurrentKafkaListenerContainerFactory<>();
        configurer.configure(factory, consumers);
        factory.setBatchListener(true);
        factory.setCommonErrorHandler(KafkaConfiguration.untilItPasses(template));
        return factory;
    }
}
