package io.calsync.worker.account;

import io.calsync.contracts.CalendarRole;
import java.util.UUID;

/** A calendar the user chose, and why: as Primary or to check for conflicts. */
public record CalendarSelection(String tenantId, String userId, UUID accountId, String calendarId, CalendarRole role) {
}
