package io.calsync.worker.push;

import io.calsync.worker.domain.Appointment;
import io.calsync.worker.domain.PrimaryCalendar;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * An appointment claimed for dispatch: what it should be, where calsync last wrote it, and since when the platform
 * wants this revision ({@code desiredAt}; null for rows older than that column).
 */
public record DesiredState(
        Appointment appointment,
        int attempts,
        UUID writtenAccountId,
        String writtenCalendarId,
        URI href,
        String etag,
        Long writtenRevision,
        Instant desiredAt,
        UUID unconfirmedAccountId,
        String unconfirmedCalendarId) {

    public boolean isWritten() {
        return href != null;
    }

    /** Where a create may have landed that calsync never learned the outcome of (crash, timeout), if anywhere. */
    public Optional<PrimaryCalendar> unconfirmedCreate() {
        return unconfirmedAccountId == null || unconfirmedCalendarId == null ? Optional.empty()
                : Optional.of(new PrimaryCalendar(unconfirmedAccountId, unconfirmedCalendarId));
    }
}
