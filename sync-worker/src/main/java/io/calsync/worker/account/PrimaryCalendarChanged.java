package io.calsync.worker.account;

/** The user's Primary Calendar changed (set, moved or removed): appointments must follow it. */
public record PrimaryCalendarChanged(String tenantId, String userId) {
}
