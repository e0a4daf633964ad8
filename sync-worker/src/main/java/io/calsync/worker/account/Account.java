package io.calsync.worker.account;

import io.calsync.contracts.AccountStatus;
import java.net.URI;
import java.time.Instant;
import java.util.UUID;

/** A connected iCloud account. Holds no credential: those stay sealed in the vault. */
public record Account(
        UUID accountId,
        String tenantId,
        String userId,
        String appleId,
        URI principalUrl,
        URI calendarHomeUrl,
        AccountStatus status,
        String statusReason,
        Instant connectedAt) {
}
