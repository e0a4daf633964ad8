package io.calsync.service.logging;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * Logback's {@code %service}: which calsync service a line is from, by its logger, for a log that several services
 * share (the standalone run holds both in one process, and Spring's {@code APPLICATION_NAME} is the process's, not
 * the service's): {@code sync-worker}, {@code availability}, {@code calsync} for the launcher and the embedded
 * infrastructure, {@code lib} for a library's line (its thread names the component).
 */
public class ServiceName extends ClassicConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return of(event.getLoggerName());
    }

    static String of(String logger) {
        if (logger.startsWith("io.calsync.worker")) {
            return "sync-worker";
        }
        if (logger.startsWith("io.calsync.availability")) {
            return "availability";
        }
        return logger.startsWith("io.calsync") ? "calsync" : "lib";
    }
}
