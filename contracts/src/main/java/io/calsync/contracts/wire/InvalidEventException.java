package io.calsync.contracts.wire;

/** A Kafka record that is not a valid calsync event. The message names the field or header at fault. */
public final class InvalidEventException extends RuntimeException {

    private final String field;

    public InvalidEventException(String field, String problem) {
        this(field, problem, null);
    }

    public InvalidEventException(String field, String problem, Throwable cause) {
        super("invalid calsync event: " + field + ": " + problem, cause);
        this.field = field;
    }

    /** The JSON field (dotted path) or Kafka header that broke the contract. */
    public String field() {
        return field;
    }
}
