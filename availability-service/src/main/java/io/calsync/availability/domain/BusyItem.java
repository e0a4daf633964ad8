package io.calsync.availability.domain;

import java.util.Objects;

/**
 * One thing that makes a user busy: an appointment, an iCloud event occurrence or a native blocked slot. The domain
 * does not look into {@code source}; it only hands it back so that answers can say why a time is busy.
 *
 * @param <S> what the caller uses to name a source (an appointment id, account/calendar/event UID, a slot id…)
 */
public record BusyItem<S>(Interval interval, S source) {

    public BusyItem {
        Objects.requireNonNull(interval, "interval");
        Objects.requireNonNull(source, "source");
    }
}
