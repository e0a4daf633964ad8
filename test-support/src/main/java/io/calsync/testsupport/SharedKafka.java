package io.calsync.testsupport;

import io.calsync.infra.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/** One real Kafka broker for the whole test JVM, started on first use and stopped when the JVM exits. */
public final class SharedKafka {

    private static KafkaBroker broker;

    private SharedKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (broker == null) {
            try {
                broker = KafkaBroker.start(Files.createTempDirectory("calsync-kafka-"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("the in-process Kafka broker did not start: " + e.getMessage()
                        + " (it needs two free loopback ports and a writable temp directory)", e);
            }
            KafkaBroker started = broker;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "shared-kafka-shutdown"));
        }
        return broker.bootstrapServers();
    }
}
