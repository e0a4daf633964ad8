package io.calsync.testsupport;

import io.calsync.infra.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

/**
 * One real Kafka broker for the whole test JVM, started on first use. It is not stopped by a shutdown hook: the
 * JVM's hooks run at the same time, and a broker stopped before the Spring contexts' own hooks left their Kafka
 * producers waiting 30 s to flush into nothing. It lives until the JVM halts, after every client has closed.
 */
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
        }
        return broker.bootstrapServers();
    }
}
