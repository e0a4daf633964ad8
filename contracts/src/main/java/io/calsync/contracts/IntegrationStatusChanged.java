package io.calsync.contracts;

import java.time.Instant;

/** An iCloud account changed status. Keyed by accountId; never carries credentials. */
public record IntegrationStatusChanged(
        String tenantId,
        String userId,
        String accountId,
        AccountStatus status,
        String reason,
        Instant changedAt) implements IntegrationEvent {

    public IntegrationStatusChanged {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(accountId, "accountId");
        Require.present(status, "status");
        Require.optionalText(reason, "reason");
        Require.present(changedAt, "changedAt");
    }

    @Override
    public String key() {
        return accountId;
    }
}
