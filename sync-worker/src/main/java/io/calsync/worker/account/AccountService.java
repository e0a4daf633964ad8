package io.calsync.worker.account;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.CalendarSyncState;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.worker.caldav.AppleCredentials;
import io.calsync.worker.outbox.Outbox;
import io.calsync.worker.caldav.CalDavClient;
import io.calsync.worker.caldav.DiscoveredAccount;
import io.calsync.worker.resilience.AppleGuard;
import io.calsync.service.web.ApiException;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Connecting iCloud accounts and choosing calendars (product rules 1, 2, 3 and 7): credentials are checked by
 * CalDAV discovery before anything is saved; only calendars of the user's own accounts can be chosen; a Primary
 * must take events and be writable; conflict calendars may come from several accounts.
 */
@Service
public class AccountService {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(AccountService.class);

    /** Apple shows app-specific passwords as four groups of four lowercase letters. */
    static final Pattern APP_SPECIFIC_PASSWORD = Pattern.compile("[a-z]{4}-[a-z]{4}-[a-z]{4}-[a-z]{4}");
    /** No whitespace and no control characters: an Apple ID is shown back and logged. */
    static final Pattern EMAIL = Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");
    /** Calendar ids come from iCloud; one sent by a caller is at most this long and holds no control characters. */
    static final Pattern CALENDAR_ID = Pattern.compile("[^\\p{Cntrl}\\u0085\\u2028\\u2029\\u202A-\\u202E\\u2066-\\u2069]{1,512}");

    private final AccountStore accounts;
    private final SelectionStore selections;
    private final CalDavClient caldav;
    private final AppleGuard apple;
    private final ApplicationEventPublisher internalEvents;
    private static final Retry DEADLOCKS = Retry.of("calendar-removals", RetryConfig.custom().maxAttempts(3)
            .waitDuration(Duration.ofMillis(100)).retryExceptions(ConcurrencyFailureException.class).build());

    private final TransactionTemplate transaction;
    private final Clock clock;
    private final ConnectAttempts attempts;
    private final Outbox outbox;

    public AccountService(AccountStore accounts, SelectionStore selections, CalDavClient caldav, AppleGuard apple,
            ApplicationEventPublisher internalEvents, TransactionTemplate transaction, Clock clock,
            ConnectAttempts attempts, Outbox outbox) {
        this.attempts = attempts;
        this.outbox = outbox;
        this.apple = apple;
        this.accounts = accounts;
        this.selections = selections;
        this.caldav = caldav;
        this.internalEvents = internalEvents;
        this.transaction = transaction;
        this.clock = clock;
    }

    public Account connect(String tenantId, String userId, String appleId, String appSpecificPassword) {
        String normalizedAppleId = checkAppleId(appleId);
        String password = checkPassword(appSpecificPassword);
        if (accounts.exists(tenantId, userId, normalizedAppleId)) {
            throw new ApiException(HttpStatus.CONFLICT, "account-exists", "Account already connected",
                    "the iCloud account " + normalizedAppleId + " is already connected for this user");
        }
        attempts.count(tenantId, userId, normalizedAppleId);
        DiscoveredAccount discovered = apple.call(normalizedAppleId,
                () -> caldav.discover(new AppleCredentials(normalizedAppleId, password)));
        Account account = new Account(UUID.randomUUID(), tenantId, userId, normalizedAppleId,
                discovered.principalUrl(), discovered.calendarHomeUrl(), AccountStatus.CONNECTED, null, clock.instant());
        try {
            transaction.executeWithoutResult(tx -> {
                accounts.insert(account, password, discovered.calendars());
                statusChanged(account, AccountStatus.CONNECTED, "connected");
            });
        } catch (org.springframework.dao.DuplicateKeyException raced) {
            throw new ApiException(HttpStatus.CONFLICT, "account-exists", "Account already connected",
                    "the iCloud account " + normalizedAppleId + " is already connected for this user");
        }
        log.info("Connected iCloud account {} ({}) for user {}/{}: {} calendars, home on {}", account.accountId(),
                normalizedAppleId, tenantId, userId, discovered.calendars().size(), discovered.calendarHomeUrl().getHost());
        return account;
    }

    public List<Account> list(String tenantId, String userId) {
        return accounts.list(tenantId, userId);
    }

    public Account get(String tenantId, String userId, UUID accountId) {
        return accounts.find(tenantId, userId, accountId)
                .orElseThrow(() -> ApiException.notFound("account " + accountId));
    }

    public List<AccountCalendar> calendars(String tenantId, String userId, UUID accountId) {
        get(tenantId, userId, accountId);
        return accounts.calendars(accountId);
    }

    /** Reads the account's calendars from iCloud again; selected calendars that are gone stop being read. */
    public List<AccountCalendar> refreshCalendars(String tenantId, String userId, UUID accountId) {
        Account account = get(tenantId, userId, accountId);
        AppleCredentials credentials = accounts.credentials(accountId);
        var remote = apple.call(accountId.toString(), () -> caldav.listCalendars(account.calendarHomeUrl(), credentials));
        Set<String> present = new LinkedHashSet<>();
        remote.forEach(c -> present.add(c.id()));
        List<CalendarSelection> gone = selections.ofAccount(accountId).stream()
                .filter(s -> !present.contains(s.calendarId())).toList();
        retriedOnDeadlock(() -> {
            accounts.replaceCalendars(accountId, remote);
            statusChanged(account, account.status(), "calendars refreshed: " + remote.size() + " found");
        });
        // the selections of calendars gone from iCloud went with them; the poller releases their slots
        if (gone.stream().anyMatch(s -> s.role() == CalendarRole.PRIMARY)) {
            internalEvents.publishEvent(new PrimaryCalendarChanged(tenantId, userId));
        }
        return accounts.calendars(accountId);
    }

    /** A new app-specific password for an account, checked against iCloud before it replaces the old one. */
    public Account reauthenticate(String tenantId, String userId, UUID accountId, String appSpecificPassword) {
        Account account = get(tenantId, userId, accountId);
        String password = checkPassword(appSpecificPassword);
        attempts.count(tenantId, userId, account.appleId());
        apple.call(accountId.toString(), () -> caldav.discover(new AppleCredentials(account.appleId(), password)));
        transaction.executeWithoutResult(tx -> {
            accounts.replaceCredential(accountId, password);
            statusChanged(account, AccountStatus.CONNECTED, "re-authenticated");
        });
        log.info("Account {} of user {}/{} re-authenticated", accountId, tenantId, userId);
        internalEvents.publishEvent(new AccountReconnected(tenantId, userId, accountId));
        return get(tenantId, userId, accountId);
    }

    /** Disconnects: the password is destroyed, the account's calendars stop being read and their slots are released. */
    public void disconnect(String tenantId, String userId, UUID accountId) {
        Account account = get(tenantId, userId, accountId);
        List<CalendarSelection> selected = selections.ofAccount(accountId);
        retriedOnDeadlock(() -> {
            accounts.delete(accountId); // its selections go with it; the poller releases their slots
            statusChanged(account, AccountStatus.DISCONNECTED, "disconnected by the user");
        });
        if (selected.stream().anyMatch(s -> s.role() == CalendarRole.PRIMARY)) {
            internalEvents.publishEvent(new PrimaryCalendarChanged(tenantId, userId));
        }
        log.info("Account {} of user {}/{} disconnected; its password is destroyed", accountId, tenantId, userId);
    }

    /**
     * One transaction that removes calendar selections, run again when PostgreSQL aborted it to break a deadlock: a
     * poll applying its result locks the calendar's row and then touches the account's, while a removal goes from
     * the account to its calendars. The user's request then succeeds instead of failing with a 500.
     */
    private void retriedOnDeadlock(Runnable work) {
        DEADLOCKS.executeRunnable(() -> transaction.executeWithoutResult(tx -> work.run()));
    }

    public List<CalendarSelection> configuration(String tenantId, String userId) {
        return selections.of(tenantId, userId);
    }

    /**
     * Replaces the user's calendar configuration as a whole: calendars, their roles, busy rules and time zones (a
     * calendar sent without rules gets the defaults). A calendar whose role, rules or zone changed is due for a poll
     * at once, which re-publishes its slots from what is stored.
     */
    public List<CalendarSelection> configure(String tenantId, String userId, CalendarRef primary, List<CalendarRef> conflicts) {
        List<CalendarRef> conflictRefs = conflicts == null ? List.of() : conflicts;
        checkRef("primary", primary);
        for (int i = 0; i < conflictRefs.size(); i++) {
            checkRef("conflicts[" + i + "]", conflictRefs.get(i));
            for (int j = 0; j < i; j++) {
                if (conflictRefs.get(j).sameCalendar(conflictRefs.get(i))
                        && !sameSettings(conflictRefs.get(j), conflictRefs.get(i))) {
                    throw ApiException.invalid("conflicts[" + i + "] names the calendar of conflicts[" + j
                            + "] with other rules or time zone");
                }
            }
        }
        if (primary != null) {
            AccountCalendar calendar = ownCalendar(tenantId, userId, primary);
            if (!calendar.holdsEvents()) {
                throw unusable(primary, "cannot hold events (it supports " + String.join(", ", calendar.components()) + ")");
            }
            if (!calendar.writable()) {
                throw unusable(primary, "is read-only for this account, so appointments cannot be written to it");
            }
        }
        for (CalendarRef conflict : conflictRefs) {
            AccountCalendar calendar = ownCalendar(tenantId, userId, conflict);
            if (!calendar.holdsEvents()) {
                throw unusable(conflict, "cannot hold events, so it has nothing to check for conflicts");
            }
            if (conflict.sameCalendar(primary)) {
                throw ApiException.invalid("calendar " + conflict.calendarId()
                        + " is the Primary Calendar; it is already checked for conflicts");
            }
        }
        List<CalendarSelection> wanted = new ArrayList<>();
        for (CalendarRef c : conflictRefs) {
            if (wanted.stream().noneMatch(w -> w.accountId().equals(c.accountId()) && w.calendarId().equals(c.calendarId()))) {
                wanted.add(selection(tenantId, userId, c, CalendarRole.CONFLICT));
            }
        }
        if (primary != null) {
            wanted.add(selection(tenantId, userId, primary, CalendarRole.PRIMARY));
        }
        List<CalendarSelection> before = selections.of(tenantId, userId);
        List<CalendarSelection> removed = before.stream()
                .filter(old -> wanted.stream().noneMatch(w -> w.sameCalendar(old))).toList();
        Set<UUID> touched = new LinkedHashSet<>();
        removed.forEach(s -> touched.add(s.accountId()));
        wanted.stream().filter(w -> !before.contains(w)).forEach(s -> touched.add(s.accountId()));
        retriedOnDeadlock(() -> {
            // the slots of removed calendars are released by the poller, durably, once their selection is gone
            removed.forEach(s -> selections.delete(s.accountId(), s.calendarId()));
            wanted.forEach(selections::upsert); // conflicts first: a demoted Primary frees the one-Primary index
            removed.forEach(s -> outbox.append(new CalendarSyncStatusReported(tenantId, userId,
                    s.accountId().toString(), s.calendarId(), s.role(), CalendarSyncState.STOPPED, null,
                    clock.instant(), "deselected")));
            touched.forEach(id -> accounts.findById(id).ifPresent(account ->
                    statusChanged(account, account.status(), "calendar configuration changed")));
        });
        if (!Objects.equals(primaryOf(before), primaryOf(wanted))) {
            internalEvents.publishEvent(new PrimaryCalendarChanged(tenantId, userId));
        }
        log.info("Calendar configuration of user {}/{}: primary {}, {} conflict calendars, {} deselected", tenantId,
                userId, primary == null ? "none" : primary.calendarId(), conflictRefs.size(), removed.size());
        return selections.of(tenantId, userId);
    }

    private static CalendarSelection selection(String tenantId, String userId, CalendarRef ref, CalendarRole role) {
        return new CalendarSelection(tenantId, userId, ref.accountId(), ref.calendarId(), role, ref.rules(),
                ref.timeZone() == null ? null : ZoneId.of(ref.timeZone()).getId());
    }

    private static boolean sameSettings(CalendarRef a, CalendarRef b) {
        return CalendarRules.complete(a.rules()).equals(CalendarRules.complete(b.rules()))
                && Objects.equals(a.timeZone(), b.timeZone());
    }

    private AccountCalendar ownCalendar(String tenantId, String userId, CalendarRef ref) {
        get(tenantId, userId, ref.accountId());
        return accounts.calendar(ref.accountId(), ref.calendarId())
                .orElseThrow(() -> ApiException.notFound("calendar " + ref.calendarId() + " of account " + ref.accountId()));
    }

    private static ApiException unusable(CalendarRef ref, String why) {
        return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "calendar-not-usable", "Calendar cannot be used",
                "calendar " + ref.calendarId() + " " + why);
    }

    private static CalendarRef primaryOf(List<CalendarSelection> selections) {
        return selections.stream().filter(s -> s.role() == CalendarRole.PRIMARY)
                .map(s -> new CalendarRef(s.accountId(), s.calendarId())).findFirst().orElse(null);
    }

    /** Tells the platform of the account's status, through the outbox: inside the transaction of the change. */
    private void statusChanged(Account account, AccountStatus status, String reason) {
        outbox.append(new IntegrationStatusChanged(account.tenantId(), account.userId(),
                account.accountId().toString(), status, reason, clock.instant()));
    }

    private static void checkRef(String field, CalendarRef ref) {
        if (ref == null) {
            return;
        }
        if (ref.calendarId() == null || !CALENDAR_ID.matcher(ref.calendarId()).matches()) {
            throw ApiException.invalid(field + ".calendarId must be 1 to 512 characters without control characters");
        }
        // region ids only: an offset such as +02:00 has no DST rules, which all-day dates and floating times need
        if (ref.timeZone() != null && !ZoneId.getAvailableZoneIds().contains(ref.timeZone())) {
            throw ApiException.invalid(field + ".timeZone must be an IANA time zone id, such as Europe/Berlin");
        }
    }

    private static String checkAppleId(String appleId) {
        String trimmed = appleId == null ? "" : appleId.trim();
        if (trimmed.isEmpty() || trimmed.length() > 254 || !EMAIL.matcher(trimmed).matches()) {
            throw ApiException.invalid("appleId must be the e-mail address of the Apple ID");
        }
        return trimmed.toLowerCase(java.util.Locale.ROOT);
    }

    private static String checkPassword(String password) {
        if (password == null || !APP_SPECIFIC_PASSWORD.matcher(password.trim()).matches()) {
            throw ApiException.invalid("appSpecificPassword must be an app-specific password in the form "
                    + "xxxx-xxxx-xxxx-xxxx; generate one at https://appleid.apple.com (Sign-In and Security, "
                    + "App-Specific Passwords). Your Apple ID password does not work here.");
        }
        return password.trim();
    }
}
