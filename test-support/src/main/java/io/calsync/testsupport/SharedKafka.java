package io.calsync.testsupport;

import io.calsync.infra.KafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import org.springframework.boot.SpringApplication;

/**
 * One real Kafka broker for the whole test JVM, started on first use and stopped when the JVM exits — after the
 * Spring contexts have closed (a Spring Boot shutdown handler, not a JVM hook: JVM hooks run at the same time, and
 * a broker gone before a context's own hook left its clients waiting 30 s for it).
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
            SpringApplication.getShutdownHandlers().add(broker::close);
        }
        return broker.bootstrapServers();
    }
}
