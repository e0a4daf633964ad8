package io.calsync.availability.answers;

import io.calsync.availability.domain.FreeSlotQuery;
import io.calsync.availability.domain.Interval;
import io.calsync.availability.domain.Schedule;
import io.calsync.availability.domain.SlotFormat;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A free-slot question as the API received it, before the user's schedule is known: the zone defaults to the
 * schedule's (else UTC) and the step to the duration.
 */
public record SlotOptions(Interval window, Duration duration, Optional<Duration> step, Optional<ZoneId> zone,
        Duration bufferBefore, Duration bufferAfter, Duration minNotice, int maxResults, SlotFormat format,
        OptionalInt maxPerDay) {

    /** The query for a user with {@code schedule} (if any); checks every option, naming it. */
    FreeSlotQuery query(Optional<Schedule> schedule) {
        ZoneId zoneOfSlots = zone.orElseGet(() -> schedule.map(Schedule::zone).orElse(ZoneId.of("UTC")));
        return new FreeSlotQuery(window, duration, step.orElse(duration), zoneOfSlots, bufferBefore, bufferAfter,
                minNotice, maxResults, format, maxPerDay);
    }

    /** Checks every option as {@link #query} will, before anything is read. */
    public SlotOptions checked() {
        query(Optional.empty());
        return this;
    }

    /** The time whose busy items can decide a slot: the window widened by the buffers and a day each side (maxPerDay). */
    Interval reach() {
        return window.widen(bufferBefore.plus(Duration.ofDays(2)), bufferAfter.plus(Duration.ofDays(2)));
    }
}
