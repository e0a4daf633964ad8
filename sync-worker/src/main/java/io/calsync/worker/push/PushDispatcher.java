package io.calsync.worker.push;

import io.calsync.worker.domain.AccountState;
import io.calsync.worker.domain.Appointment;
import io.calsync.worker.domain.PrimaryCalendar;
import io.calsync.worker.domain.PushPlanner;
import io.calsync.worker.domain.PushStep;
import io.calsync.worker.domain.WrittenEvent;
import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.AppointmentDrifted;
import io.calsync.contracts.AppointmentSyncFailed;
import io.calsync.contracts.AppointmentSyncSkipped;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.SkipReason;
import io.calsync.contracts.SyncAction;
import io.calsync.contracts.SyncFailureReason;
import io.calsync.worker.account.Account;
import io.calsync.worker.account.AccountCalendar;
import io.calsync.worker.account.AccountLeases;
import io.calsync.worker.account.AccountReconnected;
import io.calsync.worker.account.AccountStore;
import io.calsync.worker.account.CalendarSelection;
import io.calsync.worker.account.PrimaryCalendarChanged;
import io.calsync.worker.account.SelectionStore;
import io.calsync.worker.caldav.AppleCredentials;
import io.calsync.worker.caldav.CalDavClient;
import io.calsync.worker.caldav.CalDavException;
import io.calsync.worker.caldav.WriteResult;
import io.calsync.worker.ical.AppointmentCalendar;
import io.calsync.worker.outbox.Outbox;
import io.calsync.worker.resilience.AppleGuard;
import io.calsync.worker.resilience.FailureClassifier;
import io.calsync.worker.resilience.FailurePolicy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Brings each user's Primary Calendar to the desired state of their appointments: create with
 * {@code If-None-Match: *}, update with {@code If-Match}, DELETE to cancel (404 counts as done). A 412 means
 * someone changed the event in iCloud: re-read its ETag and write the platform's version on top. When the
 * Primary Calendar changed, the event moves. Every outcome is published to {@code calsync.appointment-sync}.
 */
@Component
class PushDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

    private final DesiredStateStore store;
    private final SelectionStore selections;
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final AccountStore accounts;
    private final AccountLeases leases;
    private final AppleGuard apple;
    private final ExecutorService workers;
    private final Set<UUID> inProgress = ConcurrentHashMap.newKeySet();
    private final Semaphore wakeUps = new Semaphore(0);
    private volatile boolean newWork = true;
    /** Accounts with due work as last read (empty: work that needs no call to Apple); the loop thread's alone. */
    private List<Optional<UUID>> dueWork = new ArrayList<>();
    private long dueWorkReadAt;
    private volatile boolean running;
    private Thread loopThread;
    private final CalDavClient caldav;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final PushProperties properties;
    private final FailureClassifier classifier;
    private final Clock clock;

    PushDispatcher(DesiredStateStore store, SelectionStore selections, AccountStore accounts, AccountLeases leases,
            CalDavClient caldav, AppleGuard apple, Outbox outbox, TransactionTemplate transaction, PushProperties properties,
            Clock clock) {
        this.store = store;
        this.selections = selections;
        this.accounts = accounts;
        this.leases = leases;
        this.caldav = caldav;
        this.apple = apple;
        this.outbox = outbox;
        this.transaction = transaction;
        this.properties = properties;
        this.classifier = new FailureClassifier(properties.maxBackoff(), apple.openStateWait());
        this.clock = clock;
        this.workers = Executors.newFixedThreadPool(properties.concurrency(), r -> {
            Thread thread = new Thread(r, "push-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The dispatcher loop: fills every free slot (up to {@code calsync.push.concurrency}) with an account that has
     * due work and that this instance can lease, then waits until a slot frees up, new work arrives ({@link
     * #wake()}) or {@code calsync.push.interval} passes. Each slot works one account's appointments one after
     * another, as far as the account's rate limit allows, then hands the slot to the next account.
     */
    private void loop() {
        while (running) {
            try {
                fillSlots();
            } catch (RuntimeException e) {
                log.error("Dispatching failed; trying again in {}", properties.interval(), e);
            }
            try {
                if (wakeUps.tryAcquire(properties.interval().toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** New work arrived: look at the queue again now rather than at the next interval. */
    void wake() {
        newWork = true;
        wakeUps.release();
    }

    /**
     * Fills the free slots from {@link #dueWork}, the queue's accounts as last read. With a slot free, the queue is
     * read again when new work arrived, when the last reading is older than {@code calsync.push.interval}, or when
     * nothing in it can be started; a freed slot alone does not read it again, so a busy queue is read about once
     * per {@code 4 × concurrency} accounts worked, not once per slot.
     */
    private void fillSlots() {
        int free = properties.concurrency() - inProgress.size();
        boolean stale = System.nanoTime() - dueWorkReadAt > properties.interval().toNanos();
        if (free > 0 && (newWork || stale || startable(free).isEmpty())) {
            newWork = false;
            dueWork = new ArrayList<>(store.dueWork(4 * properties.concurrency()));
            dueWorkReadAt = System.nanoTime();
        }
        if (dueWork.remove(Optional.<UUID>empty())) {
            drain(null);
        }
        List<UUID> candidates = startable(free);
        candidates.forEach(account -> dueWork.remove(Optional.of(account)));
        for (UUID account : leases.acquire(candidates)) {
            inProgress.add(account);
            workers.submit(() -> {
                try {
                    drain(account);
                } catch (RuntimeException e) {
                    log.error("Dispatching the appointments of account {} failed", account, e);
                } finally {
                    leases.release(account);
                    inProgress.remove(account);
                    wakeUps.release();
                }
            });
        }
    }

    /** The longest-waiting accounts with due work that are not being worked and may call Apple right now. */
    private List<UUID> startable(int limit) {
        return dueWork.stream().flatMap(Optional::stream)
                .filter(account -> !inProgress.contains(account))
                .filter(account -> apple.availablePermissions(account.toString()) > 0)
                .limit(Math.max(0, limit)).toList();
    }

    /** The account's due appointments, as many as its rate limit lets through now (all of them for no account). */
    private void drain(UUID account) {
        for (int round = 0; round < 5; round++) {
            int room = account == null ? properties.batchSize()
                    : Math.min(properties.batchSize(), apple.availablePermissions(account.toString()));
            if (room <= 0) {
                return;
            }
            List<DesiredState> batch = account == null ? store.claimDueWithoutAccount(room, properties.lease())
                    : store.claimDue(account, room, properties.lease());
            Lookups lookups = new Lookups();
            batch.forEach(state -> reconcile(state, lookups));
            if (batch.size() < room) {
                return;
            }
        }
    }

    @Override
    public void start() {
        running = true;
        loopThread = new Thread(this::loop, "push-dispatcher");
        loopThread.setDaemon(true);
        loopThread.start();
    }

    @Override
    public void stop() {
        running = false;
        if (loopThread != null) {
            loopThread.interrupt();
        }
        workers.shutdownNow();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @EventListener
    void onAccountReconnected(AccountReconnected reconnected) {
        store.wakeUp(reconnected.tenantId(), reconnected.userId());
        wake();
    }

    @EventListener
    void onPrimaryCalendarChanged(PrimaryCalendarChanged changed) {
        int requeued = store.requeueUpcoming(changed.tenantId(), changed.userId());
        wake();
        log.info("Primary Calendar of user {}/{} changed: {} appointments queued to follow it", changed.tenantId(),
                changed.userId(), requeued);
    }

    /**
     * What one batch of an account needs from the database, read once: the appointments of a batch share their
     * account, and usually their user.
     */
    private final class Lookups {
        private final Map<String, Optional<CalendarSelection>> primaries = new HashMap<>();
        private final Map<UUID, Optional<Account>> accountsById = new HashMap<>();
        private final Map<String, Optional<AccountCalendar>> calendars = new HashMap<>();
        private final Map<UUID, AppleCredentials> credentials = new HashMap<>();

        Optional<CalendarSelection> primaryOf(String tenantId, String userId) {
            return primaries.computeIfAbsent(tenantId + "/" + userId, k -> selections.primaryOf(tenantId, userId));
        }

        Optional<Account> account(UUID accountId) {
            return accountsById.computeIfAbsent(accountId, accounts::findById);
        }

        Optional<AccountCalendar> calendar(UUID accountId, String calendarId) {
            return calendars.computeIfAbsent(accountId + "/" + calendarId, k -> accounts.calendar(accountId, calendarId));
        }

        AppleCredentials credentials(UUID accountId) {
            return credentials.computeIfAbsent(accountId, accounts::credentials);
        }
    }

    /** Decides the next step of one claimed appointment (pure: {@link PushPlanner}) and carries it out. */
    void reconcile(DesiredState state, Lookups lookups) {
        Appointment a = state.appointment();
        try {
            Optional<WrittenEvent> written = state.isWritten() ? Optional.of(new WrittenEvent(state.writtenAccountId(),
                    state.writtenCalendarId(), state.href(), state.etag())) : Optional.empty();
            Optional<PrimaryCalendar> primary = lookups.primaryOf(a.tenantId(), a.userId())
                    .map(p -> new PrimaryCalendar(p.accountId(), p.calendarId()));
            PushStep step = PushPlanner.plan(a, Optional.ofNullable(state.writtenRevision()), written, primary,
                    id -> accountState(id, lookups));
            if (step instanceof PushStep.Skip skip) {
                skipped(a, skip.reason());
            } else if (step instanceof PushStep.Wait wait) {
                waitForReauthentication(state, wait.account());
            } else if (step instanceof PushStep.Nothing) {
                store.recordWritten(a, state.writtenAccountId(), state.writtenCalendarId(), state.href(), state.etag());
            } else if (step instanceof PushStep.Delete delete) {
                remove(a, delete.event(), lookups);
            } else {
                write(state, step, primary.orElseThrow(), lookups);
            }
        } catch (RuntimeException e) {
            fail(state, e);
        }
    }

    private static AccountState accountState(UUID accountId, Lookups lookups) {
        return lookups.account(accountId).map(account -> account.status() == AccountStatus.NEEDS_REAUTH
                ? AccountState.NEEDS_REAUTH : AccountState.CONNECTED).orElse(AccountState.DISCONNECTED);
    }

    /** Carries out a create, an update or a move, then records where the event is and tells the platform. */
    private void write(DesiredState state, PushStep step, PrimaryCalendar primary, Lookups lookups) {
        Appointment a = state.appointment();
        AccountCalendar calendar = lookups.calendar(primary.accountId(), primary.calendarId()).orElseThrow();
        AppleCredentials credentials = lookups.credentials(primary.accountId());
        String icalendar = AppointmentCalendar.toICalendar(a, clock.instant());
        WriteResult result;
        SyncAction action;
        if (step instanceof PushStep.Update update) {
            result = overwrite(a, update, icalendar, credentials);
            action = SyncAction.UPDATED;
        } else {
            URI target = calendar.url().resolve(AppointmentCalendar.resourceNameOf(a.tenantId(), a.appointmentId()));
            result = createOrAdopt(step, primary.accountId().toString(), target, icalendar, credentials);
            action = SyncAction.CREATED;
            if (step instanceof PushStep.Move move) {
                if (move.removeOld() == PushStep.RemoveOld.AFTER_REAUTHENTICATION) {
                    // still recorded in the old calendar: the move is finished later
                    waitForReauthentication(state, move.from().accountId());
                    return;
                }
                if (move.removeOld() == PushStep.RemoveOld.NOW) {
                    WrittenEvent old = move.from();
                    apple.run(old.accountId().toString(),
                            () -> caldav.delete(old.href(), null, lookups.credentials(old.accountId())));
                }
                action = SyncAction.MOVED;
            }
        }
        AppointmentSynced synced = new AppointmentSynced(a.tenantId(), a.userId(), a.appointmentId(), a.revision(),
                action, primary.accountId().toString(), primary.calendarId(), result.url().toString(), result.etag(),
                clock.instant());
        transaction.executeWithoutResult(tx -> {
            store.recordWritten(a, primary.accountId(), primary.calendarId(), result.url(), result.etag());
            outbox.append(synced);
        });
        log.debug("Appointment {}/{} revision {} {} in calendar {} of account {}", a.tenantId(), a.appointmentId(),
                a.revision(), action, primary.calendarId(), primary.accountId());
    }

    /**
     * Update in place ({@code If-Match}); if the event changed or vanished in iCloud, the platform's version wins and
     * the platform hears of it ({@link PushPlanner#afterConflict}: overwrite, or write again).
     */
    private WriteResult overwrite(Appointment a, PushStep.Update update, String icalendar, AppleCredentials credentials) {
        WrittenEvent event = update.event();
        String key = event.accountId().toString();
        URI href = event.href();
        try {
            return event.etag() == null ? apple.call(key, () -> caldav.create(href, icalendar, credentials))
                    : apple.call(key, () -> caldav.update(href, icalendar, event.etag(), credentials));
        } catch (CalDavException.PreconditionFailed | CalDavException.NotFound changed) {
            PushPlanner.FollowUp next = PushPlanner.afterConflict(update, changed instanceof CalDavException.NotFound
                    ? PushPlanner.Conflict.NOT_FOUND : PushPlanner.Conflict.PRECONDITION_FAILED);
            Optional<String> current = next == PushPlanner.FollowUp.OVERWRITE
                    ? apple.call(key, () -> caldav.etag(href, credentials)) : Optional.empty();
            AppointmentDrifted drifted = new AppointmentDrifted(a.tenantId(), a.userId(), a.appointmentId(),
                    key, event.calendarId(), href.toString(),
                    current.isPresent() ? "event changed in iCloud; overwritten with the platform's version"
                            : "event deleted in iCloud; written again", clock.instant());
            transaction.executeWithoutResult(tx -> outbox.append(drifted));
            return current.isPresent() ? apple.call(key, () -> caldav.update(href, icalendar, current.get(), credentials))
                    : apple.call(key, () -> caldav.create(href, icalendar, credentials));
        }
    }

    /** A 412 on create means the resource exists: written by calsync before a crash lost the record of it (adopt). */
    private WriteResult createOrAdopt(PushStep step, String key, URI target, String icalendar,
            AppleCredentials credentials) {
        try {
            return apple.call(key, () -> caldav.create(target, icalendar, credentials));
        } catch (CalDavException.PreconditionFailed exists) {
            if (PushPlanner.afterConflict(step, PushPlanner.Conflict.PRECONDITION_FAILED) != PushPlanner.FollowUp.ADOPT) {
                throw exists;
            }
            String etag = apple.call(key, () -> caldav.etag(target, credentials)).orElse(null);
            return etag == null ? apple.call(key, () -> caldav.create(target, icalendar, credentials))
                    : apple.call(key, () -> caldav.update(target, icalendar, etag, credentials));
        }
    }

    /** Removes the event of a cancelled appointment ({@code DELETE}; a 404 counts as done). */
    private void remove(Appointment a, WrittenEvent event, Lookups lookups) {
        AppleCredentials credentials = lookups.credentials(event.accountId());
        apple.run(event.accountId().toString(), () -> caldav.delete(event.href(), null, credentials));
        AppointmentSynced deleted = new AppointmentSynced(a.tenantId(), a.userId(), a.appointmentId(), a.revision(),
                SyncAction.DELETED, event.accountId().toString(), event.calendarId(), event.href().toString(), null,
                clock.instant());
        transaction.executeWithoutResult(tx -> {
            store.recordWritten(a, event.accountId(), event.calendarId(), null, null);
            outbox.append(deleted);
        });
    }

    /**
     * Paused means paused: no call to Apple for an account whose password was rejected. The work stays queued and
     * goes at once when the user enters a new password; the platform hears of it once per revision, whichever path
     * found the password rejected first.
     */
    private void waitForReauthentication(DesiredState state, UUID paused) {
        Appointment a = state.appointment();
        String reason = PushPlanner.PAUSED;
        transaction.executeWithoutResult(tx -> {
            store.recordRetry(a, retryWhilePaused(paused), reason);
            if (state.attempts() == 0) {
                publishFailed(a, SyncFailureReason.NEEDS_REAUTH, reason, true, null);
            }
        });
    }

    /**
     * When to try again work that waits for a paused account: at once if the user re-entered the password meanwhile
     * (the re-authentication's wake-up may have come before this retry is recorded), else after the longest back-off
     * (a re-authentication wakes it). The account's row stays locked until the retry is recorded.
     */
    private Instant retryWhilePaused(UUID paused) {
        return accounts.pausedNow(paused) ? clock.instant().plus(properties.maxBackoff()) : clock.instant();
    }

    /** Nothing to do for this revision: recorded, and told to the platform, in one transaction. */
    private void skipped(Appointment a, SkipReason reason) {
        transaction.executeWithoutResult(tx -> {
            store.recordSkipped(a);
            outbox.append(new AppointmentSyncSkipped(a.tenantId(), a.userId(), a.appointmentId(), a.revision(), reason));
        });
    }

    private void fail(DesiredState state, RuntimeException e) {
        Appointment a = state.appointment();
        double jitter = ThreadLocalRandom.current().nextDouble();
        FailurePolicy policy = classifier.classify(e, state.attempts(), jitter);
        log.info("Pushing appointment {}/{} revision {} failed (attempt {}): {} -> {}", a.tenantId(), a.appointmentId(),
                a.revision(), state.attempts() + 1, e.getMessage(), policy.getClass().getSimpleName());
        try {
            transaction.executeWithoutResult(tx -> recordFailure(state, e, policy, jitter));
        } catch (RuntimeException reporting) {
            // the claim's lease expires and the appointment is tried again; nothing is lost
            log.warn("Could not record the failure of appointment {}/{}: {}", a.tenantId(), a.appointmentId(),
                    reporting.getMessage());
        }
    }

    /** The failure, what the platform is told of it, and a paused account: one transaction. */
    private void recordFailure(DesiredState state, RuntimeException e, FailurePolicy policy, double jitter) {
        Appointment a = state.appointment();
        boolean firstFailure = state.attempts() == 0;
        if (policy instanceof FailurePolicy.RetryLater retry) {
            store.recordRetry(a, clock.instant().plus(retry.delay()), retry.reason());
            if (firstFailure) {
                publishFailed(a, SyncFailureReason.ICLOUD_UNAVAILABLE, retry.reason(), true, retry.delay());
            }
        } else if (policy instanceof FailurePolicy.PauseAccount pause) {
            Optional<UUID> paused = pauseAccount(state, rejectedAccount(e), pause.reason());
            store.recordRetry(a, paused.map(this::retryWhilePaused).orElse(clock.instant().plus(properties.maxBackoff())),
                    pause.reason());
            publishFailed(a, SyncFailureReason.NEEDS_REAUTH, pause.reason(), true, null);
        } else if (policy instanceof FailurePolicy.GiveUp giveUp) {
            store.recordFailed(a, giveUp.reason());
            publishFailed(a, SyncFailureReason.REJECTED_BY_ICLOUD, giveUp.reason(), false, null);
        } else {
            log.error("Bug while pushing appointment {}/{}", a.tenantId(), a.appointmentId(), e);
            Duration delay = classifier.bugDelay(state.attempts(), jitter);
            store.recordRetry(a, clock.instant().plus(delay), ((FailurePolicy.Bug) policy).reason());
            if (firstFailure) {
                publishFailed(a, SyncFailureReason.INTERNAL_ERROR, "internal error; calsync retries", true, delay);
            }
        }
    }

    /** The account whose password iCloud rejected, as the guard named it (a move also calls the old account). */
    private static Optional<UUID> rejectedAccount(RuntimeException e) {
        return e instanceof CalDavException.Unauthorized rejected
                ? rejected.accountKey().flatMap(PushDispatcher::uuid) : Optional.empty();
    }

    private static Optional<UUID> uuid(String key) {
        try {
            return Optional.of(UUID.fromString(key));
        } catch (IllegalArgumentException notAnAccountId) {
            return Optional.empty();
        }
    }

    /** Pauses the account whose password iCloud rejected (if it is not paused yet); answers which account that is. */
    private Optional<UUID> pauseAccount(DesiredState state, Optional<UUID> rejected, String reason) {
        Appointment a = state.appointment();
        Optional<Account> account = rejected.or(() -> selections.primaryOf(a.tenantId(), a.userId())
                .map(CalendarSelection::accountId)).flatMap(accounts::findById);
        account.filter(found -> found.status() == AccountStatus.CONNECTED).ifPresent(found -> {
            log.warn("iCloud rejected the password of account {} ({}): paused until the user re-enters it",
                    found.accountId(), found.appleId());
            accounts.setStatus(found.accountId(), AccountStatus.NEEDS_REAUTH, reason);
            outbox.append(new IntegrationStatusChanged(found.tenantId(), found.userId(),
                    found.accountId().toString(), AccountStatus.NEEDS_REAUTH, reason, clock.instant()));
        });
        return account.map(Account::accountId);
    }

    private void publishFailed(Appointment a, SyncFailureReason reason, String detail, boolean willRetry, Duration delay) {
        outbox.append(new AppointmentSyncFailed(a.tenantId(), a.userId(), a.appointmentId(), a.revision(), reason,
                detail, willRetry, delay == null ? null : clock.instant().plus(delay)));
    }
}
