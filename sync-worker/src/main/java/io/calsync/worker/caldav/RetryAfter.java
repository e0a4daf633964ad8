package io.calsync.worker.caldav;

import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Parses {@code Retry-After} (RFC 9110 section 10.2.3): delay-seconds or an HTTP-date, clamped to
 * {@code [0, MAX]}: a server asking for more than two hours is treated as asking for two (as DAVx5 does).
 */
final class RetryAfter {

    static final Duration MAX = Duration.ofHours(2);

    private RetryAfter() {
    }

    static Duration parse(String value, Clock clock) {
        Duration parsed = parseUnclamped(value, clock);
        return parsed == null ? null : parsed.compareTo(MAX) > 0 ? MAX : parsed;
    }

    private static Duration parseUnclamped(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration until = Duration.between(clock.instant(), at.toInstant());
                return until.isNegative() ? Duration.ZERO : until;
            } catch (DateTimeParseException neither) {
                return null;
            }
        }
    }
}
