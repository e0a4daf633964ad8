package io.calsync.contracts;

import java.time.Instant;

/**
 * Someone changed or deleted, in iCloud, an event calsync wrote for an appointment. calsync detected it at
 * {@code detectedAt}; the platform's version stays authoritative.
 */
public record AppointmentDrifted(
        String tenantId,
        String userId,
        String appointmentId,
        String accountId,
        String calendarId,
        String href,
        String detail,
        Instant detectedAt) implements AppointmentSyncEvent {

    public AppointmentDrifted {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(appointmentId, "appointmentId");
        Require.id(accountId, "accountId");
        Require.id(calendarId, "calendarId");
        Require.text(href, "href");
        Require.text(detail, "detail");
        Require.present(detectedAt, "detectedAt");
    }
}
