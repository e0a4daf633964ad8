package io.calsync.worker.push;

import io.calsync.worker.account.Account;
import io.calsync.worker.account.AccountCalendar;
import io.calsync.worker.account.AccountStore;
import io.calsync.worker.account.CalendarSelection;
import io.calsync.worker.account.SelectionStore;
import io.calsync.worker.caldav.AppleCredentials;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What one batch of an account's appointments needs from the database, read once: the appointments of a batch share
 * their account, and usually their user. Lives as long as the batch; one thread's alone.
 */
final class BatchLookups {

    private final SelectionStore selections;
    private final AccountStore accounts;
    private final Map<String, Optional<CalendarSelection>> primaries = new HashMap<>();
    private final Map<UUID, Optional<Account>> accountsById = new HashMap<>();
    private final Map<String, URI> calendarUrls = new HashMap<>();
    private final Map<UUID, AppleCredentials> credentials = new HashMap<>();

    BatchLookups(SelectionStore selections, AccountStore accounts) {
        this.selections = selections;
        this.accounts = accounts;
    }

    Optional<CalendarSelection> primaryOf(String tenantId, String userId) {
        return primaries.computeIfAbsent(tenantId + "/" + userId, k -> selections.primaryOf(tenantId, userId));
    }

    Optional<Account> account(UUID accountId) {
        return accountsById.computeIfAbsent(accountId, accounts::findById);
    }

    /** The URL of the account's calendar; one that is not (or no longer) known is an error. */
    URI calendarUrl(UUID accountId, String calendarId) {
        return calendarUrls.computeIfAbsent(accountId + "/" + calendarId, k -> accounts.calendar(accountId, calendarId)
                .map(AccountCalendar::url).orElseThrow(() -> new IllegalStateException(
                        "calendar " + calendarId + " of account " + accountId + " is not known")));
    }

    AppleCredentials credentials(UUID accountId) {
        return credentials.computeIfAbsent(accountId, accounts::credentials);
    }
}
