package io.calsync.availability.domain;

/**
 * A request or schedule the domain refuses, naming the field at fault so that the API can answer a 400 problem that
 * points at it. The message never carries more than the field's own (non-secret) value.
 */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
    }

    /** The field as the API names it, e.g. {@code duration}, {@code weekly.monday[1].end}, {@code timeZone}. */
    public String field() {
        return field;
    }

    /** The reason without the field name. */
    public String reason() {
        return getMessage().substring(field.length() + 2);
    }
}
