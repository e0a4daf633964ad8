package io.calsync.standalone.cli;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.AppointmentRescheduled;
import io.calsync.contracts.AppointmentSyncFailed;
import io.calsync.contracts.AppointmentSyncSkipped;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.CalsyncEvent;
import io.calsync.contracts.Topics;
import io.calsync.contracts.wire.EventCodec;
import io.calsync.contracts.wire.InvalidEventException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
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
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.node.ObjectNode;

/**
 * Sample appointments, published as the platform would: CloudEvents on {@code calsync.appointments} (the contracts'
 * codec), then, with {@code --wait}, what the sync-worker reported about them on {@code calsync.appointment-sync}.
 */
final class Appointments {

    private Appointments() {
    }

    /** The options the three commands share. */
    static final class Common {
        @Option(names = {"-u", "--user"}, required = true, description = "the user in the platform")
        String user;

        @Option(names = "--id", required = true, description = "the appointment's id")
        String id;

        @Option(names = "--revision", description = "the revision (default: the current time in milliseconds, so a"
                + " later command always wins)")
        Long revision;

        @Option(names = "--wait", description = "wait (up to 60 s) for what calsync reports about pushing it")
        boolean await;

        long revision() {
            return revision != null ? revision : System.currentTimeMillis();
        }
    }

    /** When and what: the options of book and reschedule. */
    static final class When {
        @Option(names = "--start", required = true, description = "local start in --zone: 2026-12-03T10:00, or"
                + " \"tomorrow 10:00\"")
        String start;

        @Option(names = "--duration", defaultValue = "PT30M", description = "ISO 8601 (default: ${DEFAULT-VALUE})")
        Duration duration;

        @Option(names = "--zone", defaultValue = "UTC", description = "IANA time zone of --start (default: ${DEFAULT-VALUE})")
        String zone;

        @Option(names = "--title", defaultValue = "Appointment", description = "the event's title")
        String title;

        Instant startInstant() {
            try {
                ZoneId in = ZoneId.of(zone);
                if (start.startsWith("tomorrow ")) {
                    return java.time.LocalDate.now(in).plusDays(1)
                            .atTime(java.time.LocalTime.parse(start.substring("tomorrow ".length()).strip())).atZone(in)
                            .toInstant();
                }
                return LocalDateTime.parse(start).atZone(in).toInstant();
            } catch (java.time.DateTimeException e) {
                throw new CliException("--start " + start + " in --zone " + zone + " is not a local date-time such as"
                        + " 2026-12-03T10:00 in an IANA zone such as Europe/Berlin");
            }
        }
    }

    /** The event of a book or a reschedule: the whole new state, from the shared options. */
    @FunctionalInterface
    interface Scheduled {
        AppointmentEvent of(String tenant, String user, String id, long revision, Instant start, Instant end,
                String zone, String title);
    }

    /** Book and reschedule: the same options, another event type. */
    abstract static class Scheduling implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;
        @Mixin Common common;
        @Mixin When when;

        abstract Scheduled event();

        @Override
        public Integer call() {
            Instant start = when.startInstant();
            return publish(spec, target, common, event().of(target.tenant, common.user, common.id, common.revision(),
                    start, start.plus(when.duration), when.zone, when.title));
        }
    }

    @Command(name = "book", description = "Publish a sample appointment.booked for a user.")
    static final class Book extends Scheduling {
        @Override
        Scheduled event() {
            return (tenant, user, id, revision, start, end, zone, title) -> new AppointmentBooked(tenant, user, id,
                    revision, start, end, zone, title, null, null);
        }
    }

    @Command(name = "reschedule", description = "Publish a sample appointment.rescheduled (the whole new state).")
    static final class Reschedule extends Scheduling {
        @Override
        Scheduled event() {
            return (tenant, user, id, revision, start, end, zone, title) -> new AppointmentRescheduled(tenant, user, id,
                    revision, start, end, zone, title, null, null);
        }
    }

    @Command(name = "cancel", description = "Publish a sample appointment.cancelled.")
    static final class Cancel implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;
        @Mixin Common common;

        @Override
        public Integer call() {
            return publish(spec, target, common, new AppointmentCancelled(target.tenant, common.user, common.id,
                    common.revision(), null));
        }
    }

    private static int publish(CommandSpec spec, Target target, Common common, AppointmentEvent event) {
        Output out = Commands.output(spec, target);
        EventCodec codec = new EventCodec(URI.create("/calsync/cli"));
        try (KafkaConsumer<String, byte[]> outcomes = common.await ? outcomes(target) : null;
                KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProperties(target))) {
            producer.send(codec.encode(event)).get(15, TimeUnit.SECONDS);
            if (!out.json()) {
                out.line("published %s for %s, revision %d", event.type().ceType(), common.id, event.revision());
            }
            if (outcomes != null) {
                out.progress(spec.commandLine().getErr(), "waiting for the sync-worker's outcome");
                report(out, awaitOutcome(outcomes, codec, common.id, event.revision()), event);
            } else if (out.json()) {
                out.json(Api.JSON.valueToTree(Map.of("published", event.type().ceType(), "appointmentId", common.id,
                        "revision", event.revision())));
            }
            return 0;
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException("could not publish to Kafka at " + target.kafka + ": is calsync running (./run.sh)?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted");
        }
    }

    private static void report(Output out, CalsyncEvent outcome, AppointmentEvent event) {
        if (out.json()) {
            ObjectNode node = Api.JSON.valueToTree(outcome);
            node.put("type", outcome.type().ceType());
            out.json(node);
        } else if (outcome instanceof AppointmentSynced synced) {
            out.line("synced: %s in calendar %s of account %s", synced.action(), synced.calendarId(), synced.accountId());
        } else if (outcome instanceof AppointmentSyncSkipped skipped) {
            out.line("skipped: %s", skipped.reason());
        } else if (outcome instanceof AppointmentSyncFailed failed) {
            out.line("failed: %s (%s)%s", failed.reason(), failed.detail(), failed.willRetry() ? "; calsync retries" : "");
        }
    }

    /** A consumer at the end of every partition of the outcome topic, before the event is published. */
    private static KafkaConsumer<String, byte[]> outcomes(Target target) {
        Properties properties = new Properties();
        properties.put("bootstrap.servers", target.kafka);
        properties.put("key.deserializer", StringDeserializer.class.getName());
        properties.put("value.deserializer", ByteArrayDeserializer.class.getName());
        properties.put("enable.auto.commit", "false");
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties);
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.APPOINTMENT_SYNC, Duration.ofSeconds(15))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            return consumer;
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            consumer.close();
            throw new CliException("Kafka at " + target.kafka + " did not answer: is calsync running (./run.sh)?");
        }
    }

    private static CalsyncEvent awaitOutcome(KafkaConsumer<String, byte[]> consumer, EventCodec codec, String id,
            long revision) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                CalsyncEvent event;
                try {
                    event = codec.decode(record).data();
                } catch (InvalidEventException unreadable) {
                    continue;
                }
                if (event instanceof AppointmentSynced s && s.appointmentId().equals(id) && s.revision() == revision
                        || event instanceof AppointmentSyncSkipped k && k.appointmentId().equals(id)
                                && k.revision() == revision
                        || event instanceof AppointmentSyncFailed f && f.appointmentId().equals(id)
                                && f.revision() == revision) {
                    return event;
                }
            }
        }
        throw new CliException("no outcome for " + id + " revision " + revision + " within 60 s: see"
                + " ./calsync status, or the log in CALSYNC_HOME/logs");
    }

    static Properties producerProperties(Target target) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.kafka);
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "15000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "15000");
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
        return properties;
    }
}
