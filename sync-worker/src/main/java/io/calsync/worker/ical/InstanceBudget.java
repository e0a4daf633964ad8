package io.calsync.worker.ical;

/** Counts the instances one resource generates and stops the expansion beyond {@link ExpansionLimits#maxInstances()}. */
final class InstanceBudget {

    private final int limit;
    private int used;

    InstanceBudget(int limit) {
        this.limit = limit;
    }

    /** How many more instances may be generated; asking a generator for one more shows that it would exceed. */
    int remaining() {
        return limit - used;
    }

    void spend(int instances) {
        used += instances;
        if (used > limit) {
            throw new ExceededException(limit);
        }
    }

    static final class ExceededException extends RuntimeException {
        ExceededException(int limit) {
            super("more than " + limit + " occurrences in the sync window: the resource is not expanded (limit per resource)");
        }
    }
}
