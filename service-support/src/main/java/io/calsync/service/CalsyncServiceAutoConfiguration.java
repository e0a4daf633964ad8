package io.calsync.service;

import io.calsync.service.kafka.EventPublisher;
import io.calsync.service.kafka.KafkaConfiguration;
import io.calsync.service.kafka.KafkaProperties;
import io.calsync.service.openapi.OpenApiConfiguration;
import io.calsync.service.security.SecurityConfiguration;
import io.calsync.service.web.WebInputConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration;
import org.springframework.context.annotation.Import;

/** Registers the shared pieces in every calsync service; before Boot's error page, which it replaces. */
@AutoConfiguration(before = ErrorMvcAutoConfiguration.class)
@EnableConfigurationProperties(KafkaProperties.class)
@Import({ClockConfiguration.class, KafkaConfiguration.class, EventPublisher.class, WebInputConfiguration.class,
        SecurityConfiguration.class, OpenApiConfiguration.class})
public class CalsyncServiceAutoConfiguration {
}
