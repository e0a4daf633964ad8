package io.calsync.worker.domain;

import java.util.UUID;

/** The calendar an appointment's event belongs in: the user's Primary Calendar. */
public record PrimaryCalendar(UUID accountId, String calendarId) {
}
