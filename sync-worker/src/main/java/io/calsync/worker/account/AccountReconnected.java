package io.calsync.worker.account;

import java.util.UUID;

/** A paused account works again (a new password was accepted): its waiting work should go at once. */
public record AccountReconnected(String tenantId, String userId, UUID accountId) {
}
