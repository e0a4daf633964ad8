package io.calsync.availability.domain;

import java.util.List;

/** A maximal busy stretch and every source that contributes to it, in the order of their starts. */
public record BusyStretch<S>(Interval interval, List<S> sources) {

    public BusyStretch {
        sources = List.copyOf(sources);
    }
}
