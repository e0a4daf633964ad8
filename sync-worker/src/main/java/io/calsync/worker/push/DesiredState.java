package io.calsync.worker.push;

import io.calsync.worker.domain.Appointment;
import java.net.URI;
import java.util.UUID;

/** An appointment claimed for dispatch: what it should be, and where calsync last wrote it. */
public record DesiredState(
        Appointment appointment,
        int attempts,
        UUID writtenAccountId,
        String writtenCalendarId,
        URI href,
        String etag,
        Long writtenRevision) {

    public boolean isWritten() {
        return href != null;
    }
}
