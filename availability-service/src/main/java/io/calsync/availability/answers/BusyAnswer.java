package io.calsync.availability.answers;

import java.time.Instant;
import java.util.List;

/** The merged busy time in {@code [from, to)}; {@code sources} only with {@code explain=true}. */
public record BusyAnswer(Instant from, Instant to, List<Stretch> busy, FreshnessView freshness) {

    /** A maximal busy stretch, clipped to the window, and everything that makes it busy. */
    public record Stretch(Instant start, Instant end, List<Source> sources) {
    }
}
