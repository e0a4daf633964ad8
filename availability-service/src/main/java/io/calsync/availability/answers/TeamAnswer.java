package io.calsync.availability.answers;

import java.time.Instant;
import java.util.List;

/** A team's slots, each with who is free for it, and each user's freshness. */
public record TeamAnswer(Instant from, Instant to, String timeZone, List<Slot> slots, boolean truncated,
        List<UserFreshness> users) {

    /** A slot and the users free for all of it, in the order they were asked about. */
    public record Slot(Instant start, Instant end, List<String> free) {
    }

    public record UserFreshness(String userId, FreshnessView freshness) {
    }
}
