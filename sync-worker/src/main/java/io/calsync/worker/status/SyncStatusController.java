package io.calsync.worker.status;

import io.calsync.service.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** A user's sync status, and a resync of one of their accounts. */
@RestController
@Tag(name = "Sync status", description = "How a user's accounts, calendars and pushes are doing; resync an account")
@RequestMapping("/v1/tenants/{tenantId}/users/{userId}")
class SyncStatusController {

    private final SyncStatusStore store;

    SyncStatusController(SyncStatusStore store) {
        this.store = store;
    }

    record CalendarStatus(String calendarId, String role, String state, Instant lastSuccessAt, Instant lastAttemptAt,
            String lastError, int failures, Instant nextPollAt) {
    }

    record AccountStatus(UUID accountId, String appleId, String status, String statusReason,
            List<CalendarStatus> calendars) {
    }

    record PushStatus(long pending, long failed, Instant oldestPendingSince) {
    }

    record SyncStatus(List<AccountStatus> accounts, PushStatus pushes) {
    }

    record ResyncView(UUID accountId, List<String> calendarsReset) {
    }

    @Operation(summary = "The user's sync status", description = "Per account its status; per selected calendar its "
            + "sync state (OK, FAILING, PAUSED; PENDING before its first poll), last success, last attempt, last "
            + "error, failures in a row and next poll; the user's pushes still pending (and since when) or failed.")
    @GetMapping("/sync-status")
    SyncStatus status(@PathVariable String tenantId, @PathVariable String userId) {
        List<SyncStatusStore.CalendarRow> calendars = store.calendars(tenantId, userId);
        List<AccountStatus> accounts = store.accounts(tenantId, userId).stream()
                .map(a -> new AccountStatus(a.accountId(), a.appleId(), a.status(), a.statusReason(),
                        calendars.stream().filter(c -> c.accountId().equals(a.accountId()))
                                .map(SyncStatusController::calendar).toList()))
                .toList();
        SyncStatusStore.Pushes pushes = store.pushes(tenantId, userId);
        return new SyncStatus(accounts, new PushStatus(pushes.pending(), pushes.failed(), pushes.oldestPendingSince()));
    }

    @Operation(summary = "Re-read an account's calendars from scratch", description = "Forgets the sync tokens and "
            + "every stored event of the account's selected calendars and polls them at once: each is listed and "
            + "read whole, and the slots that differ from those published are published (a poll running meanwhile "
            + "discards its result).")
    @ApiResponse(responseCode = "202", description = "The calendars will be read again now")
    @ApiResponse(responseCode = "404", description = "No such account for this user", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "The account needs re-authentication first", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/icloud-accounts/{accountId}/resync")
    @ResponseStatus(HttpStatus.ACCEPTED)
    ResyncView resync(@PathVariable String tenantId, @PathVariable String userId, @PathVariable UUID accountId) {
        SyncStatusStore.AccountRow account = store.account(tenantId, userId, accountId).orElseThrow(
                () -> new ApiException(HttpStatus.NOT_FOUND, "account-not-found", "No such account",
                        "no iCloud account " + accountId + " for this user"));
        if (!"CONNECTED".equals(account.status())) {
            throw new ApiException(HttpStatus.CONFLICT, "account-needs-reauthentication",
                    "The account needs re-authentication", "iCloud rejected the account's password: enter a new "
                            + "app-specific password first (PUT .../credentials); its calendars are read again then");
        }
        return new ResyncView(accountId, store.resync(accountId));
    }

    private static CalendarStatus calendar(SyncStatusStore.CalendarRow c) {
        String state = c.reportedState() != null ? c.reportedState() : c.lastSuccessAt() == null ? "PENDING" : "OK";
        return new CalendarStatus(c.calendarId(), c.role(), state, c.lastSuccessAt(), c.lastAttemptAt(), c.lastError(),
                c.failures(), c.nextPollAt());
    }
}
