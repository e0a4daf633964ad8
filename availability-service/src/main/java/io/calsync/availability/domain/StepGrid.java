package io.calsync.availability.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The instants a slot may start at: those whose wall-clock time in the requested zone is a whole multiple of the
 * step after local midnight (09:00, 09:30, … for 30 minutes), as a booking page shows them. The grid restarts every
 * local midnight; wall-clock times in a DST gap do not exist and are skipped; times that occur twice in an overlap
 * are both on the grid.
 */
public final class StepGrid {

    private static final long NANOS_PER_DAY = Duration.ofDays(1).toNanos();

    private final ZoneId zone;
    private final long stepNanos;

    public StepGrid(ZoneId zone, Duration step) {
        if (step.isZero() || step.isNegative() || step.toNanos() > NANOS_PER_DAY) {
            throw new IllegalArgumentException("a step is positive and at most a day: " + step);
        }
        this.zone = zone;
        this.stepNanos = step.toNanos();
    }

    public boolean contains(Instant instant) {
        return LocalTime.ofInstant(instant, zone).toNanoOfDay() % stepNanos == 0;
    }

    /** The grid instants in {@code [from, to)}, ascending. */
    public Stream<Instant> between(Instant from, Instant to) {
        return Stream.iterate(LocalDate.ofInstant(from, zone), date -> date.plusDays(1))
                .flatMap(date -> onDate(date).stream())
                .dropWhile(instant -> instant.isBefore(from))
                .takeWhile(instant -> instant.isBefore(to));
    }

    private List<Instant> onDate(LocalDate date) {
        List<Instant> instants = new ArrayList<>();
        for (long nanos = 0; nanos < NANOS_PER_DAY; nanos += stepNanos) {
            LocalDateTime local = LocalDateTime.of(date, LocalTime.ofNanoOfDay(nanos));
            for (ZoneOffset offset : zone.getRules().getValidOffsets(local)) {
                instants.add(local.toInstant(offset));
            }
        }
        // in an overlap the second pass over the same wall-clock hour comes later in time
        instants.sort(null);
        return instants;
    }
}
