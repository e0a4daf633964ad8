package io.calsync.availability.busy;

import java.time.Instant;
import java.util.List;

/** A maximal busy stretch {@code [start, end)} and everything that makes it busy. */
public record BusyInterval(Instant start, Instant end, List<BusySource> sources) {
}
