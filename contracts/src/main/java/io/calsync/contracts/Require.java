package io.calsync.contracts;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;

/** The checks the event records run on construction; each failure names its field. */
final class Require {

    static final int MAX_ID_LENGTH = 200;
    static final int MAX_TEXT_LENGTH = 10_000;

    private Require() {
    }

    static <T> T present(T value, String field) {
        if (value == null) {
            throw new ContractViolation(field, "is required");
        }
        return value;
    }

    static String id(String value, String field) {
        present(value, field);
        if (value.isBlank()) {
            throw new ContractViolation(field, "must not be blank");
        }
        if (value.length() > MAX_ID_LENGTH) {
            throw new ContractViolation(field, "is longer than " + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    static String text(String value, String field) {
        present(value, field);
        return optionalText(value, field);
    }

    static String optionalText(String value, String field) {
        if (value != null && value.length() > MAX_TEXT_LENGTH) {
            throw new ContractViolation(field, "is longer than " + MAX_TEXT_LENGTH + " characters");
        }
        return value;
    }

    static long revision(long revision) {
        if (revision < 1) {
            throw new ContractViolation("revision", "must be 1 or more, was " + revision);
        }
        return revision;
    }

    /** Intervals are half-open {@code [start, end)} and never empty. */
    static void interval(Instant start, Instant end) {
        present(start, "start");
        present(end, "end");
        if (!end.isAfter(start)) {
            throw new ContractViolation("end", "must be after start (" + start + "), was " + end);
        }
    }

    static String zone(String timeZone) {
        present(timeZone, "timeZone");
        try {
            ZoneId.of(timeZone);
        } catch (DateTimeException e) {
            throw new ContractViolation("timeZone", "is not an IANA time zone: '" + timeZone + "'");
        }
        return timeZone;
    }

    /** The fields that booked and rescheduled appointments share. */
    static void appointment(String tenantId, String userId, String appointmentId, long revision, Instant start,
            Instant end, String timeZone, String title, String description, String location) {
        id(tenantId, "tenantId");
        id(userId, "userId");
        id(appointmentId, "appointmentId");
        revision(revision);
        interval(start, end);
        zone(timeZone);
        text(title, "title");
        optionalText(description, "description");
        optionalText(location, "location");
    }
}
