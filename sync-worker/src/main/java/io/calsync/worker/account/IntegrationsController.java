package io.calsync.worker.account;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.CalendarRole;
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

    @PostMapping("/icloud-accounts")
    @ResponseStatus(HttpStatus.CREATED)
    AccountView connect(@PathVariable String tenantId, @PathVariable String userId,
            @Valid @RequestBody ConnectRequest request) {
        Account account = service.connect(tenantId, userId, request.appleId(), request.appSpecificPassword());
        return view(account);
    }

    @GetMapping("/icloud-accounts")
    List<AccountView> list(@PathVariable String tenantId, @PathVariable String userId) {
        return service.list(tenantId, userId).stream().map(this::view).toList();
    }

    @GetMapping("/icloud-accounts/{accountId}")
    AccountView get(@PathVariable String tenantId, @PathVariable String userId, @PathVariable UUID accountId) {
        return view(service.get(tenantId, userId, accountId));
    }

    @GetMapping("/icloud-accounts/{accountId}/calendars")
    List<CalendarView> calendars(@PathVariable String tenantId, @PathVariable String userId, @PathVariable UUID accountId) {
        return calendarViews(service.get(tenantId, userId, accountId),
                service.calendars(tenantId, userId, accountId));
    }

    @PostMapping("/icloud-accounts/{accountId}/calendars/refresh")
    List<CalendarView> refresh(@PathVariable String tenantId, @PathVariable String userId, @PathVariable UUID accountId) {
        return calendarViews(service.get(tenantId, userId, accountId),
                service.refreshCalendars(tenantId, userId, accountId));
    }

    @PutMapping("/icloud-accounts/{accountId}/credentials")
    AccountView reauthenticate(@PathVariable String tenantId, @PathVariable String userId,
            @PathVariable UUID accountId, @Valid @RequestBody PasswordRequest request) {
        return view(service.reauthenticate(tenantId, userId, accountId, request.appSpecificPassword()));
    }

    @DeleteMapping("/icloud-accounts/{accountId}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void disconnect(@PathVariable String tenantId, @PathVariable String userId, @PathVariable UUID accountId) {
        service.disconnect(tenantId, userId, accountId);
    }

    @GetMapping("/calendar-configuration")
    ConfigurationView configuration(@PathVariable String tenantId, @PathVariable String userId) {
        return configurationView(service.configuration(tenantId, userId));
    }

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
                .map(s -> new CalendarRef(s.accountId(), s.calendarId())).findFirst().orElse(null);
        List<CalendarRef> conflicts = selections.stream().filter(s -> s.role() == CalendarRole.CONFLICT)
                .map(s -> new CalendarRef(s.accountId(), s.calendarId())).toList();
        return new ConfigurationView(primary, conflicts);
    }
}
