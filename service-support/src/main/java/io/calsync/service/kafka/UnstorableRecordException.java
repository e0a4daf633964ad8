package io.calsync.service.kafka;

/**
 * A record that decodes but that PostgreSQL refuses for a reason that retrying cannot fix (a constraint, a value out
 * of range): it goes to the dead-letter topic like an unreadable one. The message names no value of the record.
 */
public class UnstorableRecordException extends RuntimeException {

    public UnstorableRecordException(Throwable cause) {
        super("the record cannot be stored: " + cause.getClass().getSimpleName(), cause);
    }
}
