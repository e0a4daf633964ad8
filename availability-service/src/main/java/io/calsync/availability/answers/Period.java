package io.calsync.availability.answers;

import io.calsync.availability.domain.Interval;
import java.time.Instant;

/** A half-open stretch of time {@code [start, end)}. */
public record Period(Instant start, Instant end) {

    static Period of(Interval interval) {
        return new Period(interval.start(), interval.end());
    }
}
