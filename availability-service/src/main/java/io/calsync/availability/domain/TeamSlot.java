package io.calsync.availability.domain;

import java.util.List;

/** A slot offered to a team, and who of the team is free for all of it, in the order the users were given. */
public record TeamSlot<U>(Interval interval, List<U> free) {

    public TeamSlot {
        free = List.copyOf(free);
    }
}
