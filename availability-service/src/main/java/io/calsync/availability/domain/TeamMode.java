package io.calsync.availability.domain;

/**
 * How many of a team must be free for a slot to be offered.
 *
 * @param count for {@link Kind#AT_LEAST}, how many; else 0
 */
public record TeamMode(Kind kind, int count) {

    public enum Kind { ALL, ANY, AT_LEAST }

    public TeamMode {
        if (kind == Kind.AT_LEAST ? count < 1 : count != 0) {
            throw new InvalidFieldException("count", kind == Kind.AT_LEAST ? "must be at least 1"
                    : "is only for mode atLeast");
        }
    }

    public static TeamMode all() {
        return new TeamMode(Kind.ALL, 0);
    }

    public static TeamMode any() {
        return new TeamMode(Kind.ANY, 0);
    }

    public static TeamMode atLeast(int count) {
        return new TeamMode(Kind.AT_LEAST, count);
    }

    /** How many of {@code users} must be free. */
    public int required(int users) {
        if (kind == Kind.AT_LEAST && count > users) {
            throw new InvalidFieldException("count", "is more than the " + users + " users asked about");
        }
        return switch (kind) {
            case ALL -> users;
            case ANY -> 1;
            case AT_LEAST -> count;
        };
    }
}
