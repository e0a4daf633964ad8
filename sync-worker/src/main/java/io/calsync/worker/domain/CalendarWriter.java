package io.calsync.worker.domain;

import java.net.URI;
import java.util.Optional;
import java.util.UUID;

/**
 * The Primary Calendar as the push path writes it: the port {@link PushExecutor} carries a plan out over, and the
 * CalDAV adapter implements. A conflict (the resource exists, changed, or is gone) is an answer, not a failure; any
 * other failure leaves as an exception, for the caller to classify.
 */
public interface CalendarWriter {

    /** Where the appointment's event belongs in {@code calendar}: a resource named after the appointment. */
    URI locate(PrimaryCalendar calendar, Appointment appointment);

    /**
     * Writes the appointment's event at {@code href} of {@code account}'s calendar: over the version with {@code etag}
     * ({@code If-Match}) or, without one, only where no resource is ({@code If-None-Match: *}).
     */
    Put put(UUID account, URI href, Optional<String> etag, Appointment appointment);

    /** The resource's current ETag; empty when it is gone. */
    Optional<String> etag(UUID account, URI href);

    /** Removes the resource; one that is gone already counts as removed. */
    void delete(UUID account, URI href);

    /** What a write came to. */
    sealed interface Put {

        /** Written: where, and the ETag it has now. */
        record Written(URI href, String etag) implements Put {
        }

        /** Not written: the precondition failed, or the resource (or its calendar) is not there. */
        record Conflicted(PushPlanner.Conflict conflict) implements Put {
        }
    }
}
