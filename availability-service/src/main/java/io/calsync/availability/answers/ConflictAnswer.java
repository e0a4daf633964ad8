package io.calsync.availability.answers;

import java.util.List;

/**
 * Whether a proposed time can be booked.
 *
 * @param guarded the proposed time widened by its buffers: what must be free
 * @param conflicts what shares time with {@code guarded} (touching is no conflict)
 * @param insideSchedule whether the proposed time (buffers aside) lies in the user's working hours
 */
public record ConflictAnswer(boolean conflicting, boolean insideSchedule, Period proposed, Period guarded,
        List<Source> conflicts, FreshnessView freshness) {
}
