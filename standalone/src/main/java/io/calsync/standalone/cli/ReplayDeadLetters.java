package io.calsync.standalone.cli;

import io.calsync.contracts.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Sends the records of a dead-letter topic ({@code <topic>.dlt}) back onto their source topic, all of them or an
 * offset range, with their key, value and CloudEvents headers (Spring's {@code kafka_dlt-*} headers stay behind): for
 * after the cause was fixed. A record that is still unreadable goes to the dead-letter topic again.
 */
@Command(name = "replay-dlt", description = "Replay a dead-letter topic (all records, or a range) onto its source topic.")
final class ReplayDeadLetters implements Callable<Integer> {

    @Spec CommandSpec spec;
    @Mixin Target target;

    @Parameters(index = "0", description = "the source topic, e.g. calsync.appointments (its records are read from"
            + " calsync.appointments.dlt)")
    String topic;

    @Option(names = "--from-offset", defaultValue = "0", description = "first offset to replay, in every partition")
    long fromOffset;

    @Option(names = "--to-offset", defaultValue = "9223372036854775807",
            description = "last offset to replay, in every partition (default: the end)")
    long toOffset;

    @Override
    public Integer call() {
        if (!Topics.definitions(1, (short) 1).stream().anyMatch(t -> t.name().equals(topic))) {
            throw new CliException(topic + " is not one of calsync's topics");
        }
        String deadLetters = Topics.deadLetter(topic);
        Output out = Commands.output(spec, target);
        int replayed = 0;
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties());
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Appointments.producerProperties(target))) {
            List<TopicPartition> partitions = partitions(consumer, deadLetters);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(15));
            consumer.assign(partitions);
            partitions.forEach(p -> consumer.seek(p, Math.max(fromOffset, 0)));
            List<TopicPartition> open = new ArrayList<>(partitions);
            out.progress(spec.commandLine().getErr(), "replaying " + deadLetters + " onto " + topic);
            while (!open.isEmpty()) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (record.offset() <= toOffset) {
                        producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(),
                                withoutDeadLetterHeaders(record))).get(15, TimeUnit.SECONDS);
                        replayed++;
                    }
                }
                open.removeIf(p -> consumer.position(p) >= Math.min(ends.get(p), toOffset + 1));
            }
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.errors.TimeoutException e) {
            throw new CliException("Kafka at " + target.kafka + " did not answer: is calsync running (./run.sh)?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
        if (out.json()) {
            out.json(Api.JSON.valueToTree(Map.of("topic", topic, "replayed", replayed)));
        } else {
            out.line("replayed %d records from %s onto %s", replayed, deadLetters, topic);
        }
        return 0;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, byte[]> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(15));
        return infos == null ? List.of() : infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    private static List<Header> withoutDeadLetterHeaders(ConsumerRecord<String, byte[]> record) {
        List<Header> headers = new ArrayList<>();
        for (Header header : record.headers()) {
            if (!header.key().startsWith("kafka_dlt")) {
                headers.add(header);
            }
        }
        return headers;
    }

    private Properties consumerProperties() {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", target.kafka);
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", ByteArrayDeserializer.class.getName());
        properties.put("enable.auto.commit", "false");
        return properties;
    }
}
