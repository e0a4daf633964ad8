package io.calsync.availability.domain;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What a booking service asks for: slots of {@code duration} inside {@code window}, starting on the {@code step}
 * grid of {@code zone}, with the buffers that must stay free around them, a minimum notice from now, at most
 * {@code maxResults} answers, and optionally no slot on a day that already holds {@code maxPerDay} appointments.
 * Every check names the API's query parameter.
 */
public record FreeSlotQuery(Interval window, Duration duration, Duration step, ZoneId zone, Duration bufferBefore,
        Duration bufferAfter, Duration minNotice, int maxResults, SlotFormat format, OptionalInt maxPerDay) {

    public static final Duration MAX_WINDOW = Duration.ofDays(90);
    public static final Duration MIN_STEP = Duration.ofMinutes(5);
    public static final Duration MAX_STEP = Duration.ofDays(1);
    public static final int MAX_RESULTS = 1000;
    public static final int DEFAULT_RESULTS = 100;
    /** Buffers beyond a day are no booking rule; the bound keeps the busy time read for a window small. */
    public static final Duration MAX_BUFFER = Duration.ofDays(1);
    public static final Duration MAX_NOTICE = Duration.ofDays(366);

    public FreeSlotQuery {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(format, "format");
        Objects.requireNonNull(maxPerDay, "maxPerDay");
        if (window.length().compareTo(MAX_WINDOW) > 0) {
            throw new InvalidFieldException("to", "the window is at most " + MAX_WINDOW.toDays() + " days");
        }
        positive("duration", duration);
        if (duration.compareTo(window.length()) > 0) {
            throw new InvalidFieldException("duration", "is longer than the window");
        }
        positive("step", step);
        if (step.compareTo(MIN_STEP) < 0 || step.compareTo(MAX_STEP) > 0) {
            throw new InvalidFieldException("step", "must be between 5 minutes and 1 day");
        }
        notNegative("bufferBefore", bufferBefore);
        notNegative("bufferAfter", bufferAfter);
        notNegative("minNotice", minNotice);
        atMost("bufferBefore", bufferBefore, MAX_BUFFER, "1 day");
        atMost("bufferAfter", bufferAfter, MAX_BUFFER, "1 day");
        atMost("minNotice", minNotice, MAX_NOTICE, "366 days");
        if (maxResults < 1 || maxResults > MAX_RESULTS) {
            throw new InvalidFieldException("maxResults", "must be between 1 and " + MAX_RESULTS);
        }
        if (maxPerDay.isPresent() && maxPerDay.getAsInt() < 1) {
            throw new InvalidFieldException("maxPerDay", "must be at least 1");
        }
    }

    /** Slots of {@code duration} on a grid of the same length, no buffers, no notice, the default result count. */
    public static Builder builder(Interval window, Duration duration, ZoneId zone) {
        return new Builder(window, duration, zone);
    }

    private static void positive(String field, Duration value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        if (value.isZero() || value.isNegative()) {
            throw new InvalidFieldException(field, "must be positive");
        }
    }

    private static void atMost(String field, Duration value, Duration max, String text) {
        if (value.compareTo(max) > 0) {
            throw new InvalidFieldException(field, "must be at most " + text);
        }
    }

    private static void notNegative(String field, Duration value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        if (value.isNegative()) {
            throw new InvalidFieldException(field, "must not be negative");
        }
    }

    /** Optional parameters with their defaults. */
    public static final class Builder {

        private final Interval window;
        private final Duration duration;
        private final ZoneId zone;
        private Duration step;
        private Duration bufferBefore = Duration.ZERO;
        private Duration bufferAfter = Duration.ZERO;
        private Duration minNotice = Duration.ZERO;
        private int maxResults = DEFAULT_RESULTS;
        private SlotFormat format = SlotFormat.SLOTS;
        private OptionalInt maxPerDay = OptionalInt.empty();

        private Builder(Interval window, Duration duration, ZoneId zone) {
            this.window = window;
            this.duration = duration;
            this.zone = zone;
            this.step = duration;
        }

        public Builder step(Duration step) {
            this.step = step;
            return this;
        }

        public Builder buffers(Duration before, Duration after) {
            this.bufferBefore = before;
            this.bufferAfter = after;
            return this;
        }

        public Builder minNotice(Duration minNotice) {
            this.minNotice = minNotice;
            return this;
        }

        public Builder maxResults(int maxResults) {
            this.maxResults = maxResults;
            return this;
        }

        public Builder format(SlotFormat format) {
            this.format = format;
            return this;
        }

        public Builder maxPerDay(int maxPerDay) {
            this.maxPerDay = OptionalInt.of(maxPerDay);
            return this;
        }

        public FreeSlotQuery build() {
            return new FreeSlotQuery(window, duration, step, zone, bufferBefore, bufferAfter, minNotice, maxResults,
                    format, maxPerDay);
        }
    }
}
