package io.calsync.worker.account;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.CalendarRole;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** The Integrations API: iCloud accounts of a user and their calendar configuration. */
@RestController
@Tag(name = "Integrations", description = "iCloud accounts and calendar configuration of a user")
@RequestMapping("/v1/tenants/{tenantId}/users/{userId}")
public class IntegrationsController {

    private final AccountService service;

    public IntegrationsController(AccountService service) {
        this.service = service;
    }

    /** Apple ID and app-specific password. {@link #toString()} never shows the password. */
    public record ConnectRequest(@NotNull String appleId, @NotNull String appSpecificPassword) {
        @Override
        public String toString() {
            return "ConnectRequest[appleId=" + appleId + "]";
        }
    }

    public record PasswordRequest(@NotNull String appSpecificPassword) {
        @Override
        public String toString() {
            return "PasswordRequest[***]";
        }
    }

    public record CalendarView(String calendarId, String displayName, String color, Set<String> components,
            boolean writable, boolean canBePrimary, boolean canCheckForConflicts, CalendarRole role) {
    }

    public record AccountView(UUID accountId, String appleId, AccountStatus status, String statusReason,
            Instant connectedAt, List<CalendarView> calendars) {
    }

    public record ConfigurationRequest(@Valid CalendarRef primary, List<@Valid CalendarRef> conflicts) {
    }

    public record ConfigurationView(CalendarRef primary, List<CalendarRef> conflicts) {
    }

    @Operation(summary = "Connect an iCloud account", description = "Checks the Apple ID and the app-specific password "
            + "format, then the credentials against iCloud (CalDAV discovery), and only then saves the account. "
            + "Answers the account with its calendars.")
    @ApiResponse(responseCode = "201", description = "Connected")
    @ApiResponse(responseCode = "400", description = "Apple ID or password not in the expected form", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "409", description = "This Apple ID is already connected for the user", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "iCloud rejected the credentials: use an app-specific password", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "429", description = "Too many connect attempts for this Apple ID or user; see Retry-After", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "iCloud unavailable, slow or throttling; see Retry-After. Nothing was saved", content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/icloud-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView connect(@PathVariable String tenantId, @PathVariable String userId,
            @Valid @RequestBody ConnectRequest request) {
        Account account = service.connect(tenantId, userId, request.appleId(), request.appSpecificPassword());
        return view(account);
    }

    @Operation(summary = "The user's connected iCloud accounts, with their calendars")
    @GetMapping("/icloud-accounts")
    List<AccountView> list(@PathVariable String tenantId, @PathVariable String userId) {
        return service.list(tenantId, userId).stream().map(this::view).toList();
    }

    @Operation(summary = "One connected account, with its calendars")
    @GetMapping("/icloud-accounts/{accountId}")
    AccountView get(@PathVariable String tenantId, @PathVariable String userId, @PathVariable UUID accountId) {
        return view(service.get(tenantId, userId, accountId));
    }

    @Operation(summary = "The account's calendars as last read from iCloud",
            description = "canBePrimary: takes events and is writable. role: PRIMARY or CONFLICT when selected.")
    @GetMapping("/icloud-accounts/{accountId}/calendars")
    List<CalendarView> calendars(@PathVariable String tenantId, @PathVariable String userId, @PathVariable UUID accountId) {
        return calendarViews(service.get(tenantId, userId, accountId),
                service.calendars(tenantId, userId, accountId));
    }

    @Operation(summary = "Read the account's calendars from iCloud again",
            description = "Selected calendars that are gone from iCloud stop being read and their blocked slots are released.")
    @PostMapping("/icloud-accounts/{accountId}/calendars/refresh")
    List<CalendarView> refresh(@PathVariable String tenantId, @PathVariable String userId, @PathVariable UUID accountId) {
        return calendarViews(service.get(tenantId, userId, accountId),
                service.refreshCalendars(tenantId, userId, accountId));
    }

    @Operation(summary = "Enter a new app-specific password",
            description = "For an account in NEEDS_REAUTH. Checked against iCloud before it replaces the stored one.")
    @ApiResponse(responseCode = "429", description = "Too many attempts for this Apple ID or user; see Retry-After", content = @Content(mediaType = "application/problem+json"))
    @PutMapping("/icloud-accounts/{accountId}/credentials")
    AccountView reauthenticate(@PathVariable String tenantId, @PathVariable String userId,
            @PathVariable UUID accountId, @Valid @RequestBody PasswordRequest request) {
        return view(service.reauthenticate(tenantId, userId, accountId, request.appSpecificPassword()));
    }

    @Operation(summary = "Disconnect an account",
            description = "The stored password is destroyed; the account's calendars stop being read and their blocked slots are released.")
    @DeleteMapping("/icloud-accounts/{accountId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disconnect(@PathVariable String tenantId, @PathVariable String userId, @PathVariable UUID accountId) {
        service.disconnect(tenantId, userId, accountId);
    }

    @Operation(summary = "The Primary Calendar and the Check for conflicts calendars",
            description = "Each with its busy rules (every field given) and, when set, its time zone.")
    @GetMapping("/calendar-configuration")
    ConfigurationView configuration(@PathVariable String tenantId, @PathVariable String userId) {
        return configurationView(service.configuration(tenantId, userId));
    }

    @Operation(summary = "Replace the calendar configuration", description = "Only calendars of the user's own connected "
            + "accounts. The Primary must take events and be writable; conflict calendars may come from several accounts. "
            + "Each calendar may carry busy rules (fields left out, or no rules at all, take the defaults: all-day, "
            + "tentative and unanswered events block, declined invitations do not, slots show titles) and an IANA "
            + "timeZone for floating times and all-day dates. A calendar whose role, rules or zone changed has its "
            + "slots re-published at once from what is stored, without reading iCloud's events again.")
    @ApiResponse(responseCode = "400", description = "A malformed calendar id, an unknown time zone or privacy value, "
            + "or one calendar listed twice with different rules", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "404", description = "An account or calendar that is not the user's", content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "422", description = "A calendar that cannot be used in that role", content = @Content(mediaType = "application/problem+json"))
    @PutMapping("/calendar-configuration")
    ConfigurationView configure(@PathVariable String tenantId, @PathVariable String userId,
            @Valid @RequestBody ConfigurationRequest request) {
        return configurationView(service.configure(tenantId, userId, request.primary(), request.conflicts()));
    }

    private AccountView view(Account account) {
        return new AccountView(account.accountId(), account.appleId(), account.status(), account.statusReason(),
                account.connectedAt(), calendarViews(account,
                        service.calendars(account.tenantId(), account.userId(), account.accountId())));
    }

    private List<CalendarView> calendarViews(Account account, List<AccountCalendar> calendars) {
        List<CalendarSelection> selected = service.configuration(account.tenantId(), account.userId());
        return calendars.stream().map(c -> new CalendarView(c.calendarId(), c.displayName(), c.color(), c.components(),
                c.writable(), c.canBePrimary(), c.holdsEvents(), selected.stream()
                        .filter(s -> s.accountId().equals(c.accountId()) && s.calendarId().equals(c.calendarId()))
                        .map(CalendarSelection::role).findFirst().orElse(null))).toList();
    }

    private static ConfigurationView configurationView(List<CalendarSelection> selections) {
        CalendarRef primary = selections.stream().filter(s -> s.role() == CalendarRole.PRIMARY)
                .map(CalendarSelection::ref).findFirst().orElse(null);
        List<CalendarRef> conflicts = selections.stream().filter(s -> s.role() == CalendarRole.CONFLICT)
                .map(CalendarSelection::ref).toList();
        return new ConfigurationView(primary, conflicts);
    }
}
