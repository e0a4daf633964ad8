package io.calsync.service.kafka;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How calsync's topics are created when they do not exist yet.
 *
 * @param partitions partitions of each calsync topic
 * @param replicationFactor replicas of each partition (3 in production clusters)
 */
@ConfigurationProperties("calsync.kafka")
public record KafkaProperties(@DefaultValue("3") int partitions, @DefaultValue("1") short replicationFactor) {
}
