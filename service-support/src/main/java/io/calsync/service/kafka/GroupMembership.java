package io.calsync.service.kafka;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Readiness for Kafka: a service is ready only once every consumer of its listeners has joined its group (Kafka
 * assigned it its partitions, perhaps none). Until then records published to it are not being read, so an
 * orchestrator should not count it in. Every listener container reports its rebalances here; the health indicator
 * ({@code consumersJoined}, in the readiness group) compares the consumers that joined with those the containers run.
 */
public class GroupMembership implements ConsumerAwareRebalanceListener, HealthIndicator {

    private final Set<String> joined = ConcurrentHashMap.newKeySet();
    private final ObjectProvider<KafkaListenerEndpointRegistry> registry;

    public GroupMembership(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
        this.registry = registry;
    }

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        joined.add(consumer.groupMetadata().groupId() + "/" + Thread.currentThread().getName());
    }

    @Override
    public Health health() {
        int expected = 0;
        for (MessageListenerContainer container : registry.getObject().getListenerContainers()) {
            if (container.isRunning()) {
                expected += container instanceof ConcurrentMessageListenerContainer<?, ?> concurrent
                        ? concurrent.getConcurrency() : 1;
            }
        }
        Health.Builder health = joined.size() >= expected && expected > 0 ? Health.up() : Health.outOfService();
        return health.withDetail("consumers", expected).withDetail("joined", Math.min(joined.size(), expected)).build();
    }
}
