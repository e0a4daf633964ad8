package io.calsync.worker.push;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.AppointmentDrifted;
import io.calsync.contracts.AppointmentSyncFailed;
import io.calsync.contracts.AppointmentSyncSkipped;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.SyncAction;
import io.calsync.contracts.SyncFailureReason;
import io.calsync.service.failure.Failure;
import io.calsync.service.failure.FailureClassifier;
import io.calsync.service.failure.FailurePolicy;
import io.calsync.worker.account.Account;
import io.calsync.worker.account.AccountStore;
import io.calsync.worker.account.CalendarSelection;
import io.calsync.worker.account.SelectionStore;
import io.calsync.worker.domain.Appointment;
import io.calsync.worker.domain.PushPlanner;
import io.calsync.worker.domain.PushResult;
import io.calsync.worker.domain.WrittenEvent;
import io.calsync.worker.outbox.Outbox;
import io.calsync.worker.resilience.AppleFailures;
import io.calsync.worker.resilience.AppleGuard;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records what a push came to and tells the platform, in one transaction: the appointment's next state in the
 * work queue and its event in the outbox ({@code appointment.synced}, {@code sync-skipped}, {@code drifted},
 * {@code sync-failed}, and {@code integration.status-changed} when a rejected password pauses the account), so a
 * crash can lose neither without the other. A failure is decided on by the {@link FailureClassifier}.
 */
@Component
class PushOutcomes {

    private static final Logger log = LoggerFactory.getLogger(PushOutcomes.class);

    private final DesiredStateStore store;
    private final SelectionStore selections;
    private final AccountStore accounts;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final PushProperties properties;
    private final FailureClassifier classifier;
    private final Clock clock;

    private final MeterRegistry meters;
    private final Timer latency;

    PushOutcomes(DesiredStateStore store, SelectionStore selections, AccountStore accounts, Outbox outbox,
            TransactionTemplate transaction, PushProperties properties, AppleGuard apple, Clock clock,
            MeterRegistry meters) {
        this.store = store;
        this.selections = selections;
        this.accounts = accounts;
        this.outbox = outbox;
        this.transaction = transaction;
        this.properties = properties;
        this.classifier = new FailureClassifier(properties.maxBackoff(), apple.openStateWait());
        this.clock = clock;
        this.meters = meters;
        this.latency = Timer.builder("calsync.push.latency").publishPercentileHistogram()
                .description("From the appointment record consumed to its outcome recorded (booked to synced)")
                .register(meters);
    }

    /** {@code calsync.push.outcomes}: every outcome of a push, by what it came to (a bounded set of words). */
    private void count(String outcome) {
        meters.counter("calsync.push.outcomes", "outcome", outcome).increment();
    }

    /** One appointment of a batch, and what pushing it came to. */
    record Pushed(DesiredState state, PushResult result) {

        /** Done with for this revision: nothing is left to do until a newer one arrives. */
        boolean settled() {
            return result instanceof PushResult.Written || result instanceof PushResult.Removed
                    || result instanceof PushResult.Skipped || result instanceof PushResult.Unchanged;
        }
    }

    /**
     * Records a batch: what settled, with its events, in one transaction (one commit for the batch, not one per
     * appointment; should it fail, each is retried, and finds its event in iCloud already); what waits or failed, each
     * on its own.
     */
    void record(List<Pushed> batch) {
        List<Pushed> settled = batch.stream().filter(Pushed::settled).toList();
        if (!settled.isEmpty()) {
            try {
                transaction.executeWithoutResult(tx -> settled.forEach(pushed -> settle(pushed.state(), pushed.result())));
            } catch (RuntimeException e) {
                settled.forEach(pushed -> failed(pushed.state(), AppleFailures.of(e), e));
                return;
            }
            Instant now = clock.instant();
            for (Pushed pushed : settled) {
                count(pushed.result().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
                if (pushed.state().desiredAt() != null && !(pushed.result() instanceof PushResult.Unchanged)) {
                    latency.record(Duration.between(pushed.state().desiredAt(), now));
                }
            }
        }
        for (Pushed pushed : batch) {
            if (pushed.result() instanceof PushResult.Waiting waiting) {
                waitForReauthentication(pushed.state(), waiting.account());
            } else if (pushed.result() instanceof PushResult.Failed failed) {
                failed(pushed.state(), failed.failure(), null);
            }
        }
    }

    /** A settled appointment's next state and its event, inside the caller's transaction. */
    private void settle(DesiredState state, PushResult result) {
        Appointment a = state.appointment();
        if (result instanceof PushResult.Written written) {
            WrittenEvent event = written.event();
            store.recordWritten(a, event.accountId(), event.calendarId(), event.href(), event.etag());
            written.drifts().forEach(drift -> outbox.append(drifted(a, drift)));
            outbox.append(new AppointmentSynced(a.tenantId(), a.userId(), a.appointmentId(), a.revision(),
                    written.action(), event.accountId().toString(), event.calendarId(), event.href().toString(),
                    event.etag(), clock.instant()));
            log.debug("Appointment {}/{} revision {} {} in calendar {} of account {}", a.tenantId(), a.appointmentId(),
                    a.revision(), written.action(), event.calendarId(), event.accountId());
        } else if (result instanceof PushResult.Removed removed) {
            WrittenEvent event = removed.event();
            store.recordWritten(a, event.accountId(), event.calendarId(), null, null);
            outbox.append(new AppointmentSynced(a.tenantId(), a.userId(), a.appointmentId(), a.revision(),
                    SyncAction.DELETED, event.accountId().toString(), event.calendarId(), event.href().toString(),
                    null, clock.instant()));
        } else if (result instanceof PushResult.Skipped skipped) {
            store.recordSkipped(a);
            outbox.append(new AppointmentSyncSkipped(a.tenantId(), a.userId(), a.appointmentId(), a.revision(),
                    skipped.reason()));
        } else {
            store.recordWritten(a, state.writtenAccountId(), state.writtenCalendarId(), state.href(), state.etag());
        }
    }

    private AppointmentDrifted drifted(Appointment a, PushResult.Drift drift) {
        WrittenEvent event = drift.event();
        return new AppointmentDrifted(a.tenantId(), a.userId(), a.appointmentId(), event.accountId().toString(),
                event.calendarId(), event.href().toString(), drift.deleted() ? "event deleted in iCloud; written again"
                        : "event changed in iCloud; overwritten with the platform's version", clock.instant());
    }

    /**
     * Paused means paused: no call to Apple for an account whose password was rejected. The work stays queued and
     * goes at once when the user enters a new password; the platform hears of it once per revision, whichever path
     * found the password rejected first.
     */
    private void waitForReauthentication(DesiredState state, UUID paused) {
        Appointment a = state.appointment();
        count("waiting");
        transaction.executeWithoutResult(tx -> {
            store.recordRetry(a, retryWhilePaused(paused), PushPlanner.PAUSED);
            if (state.attempts() == 0) {
                publishFailed(a, SyncFailureReason.NEEDS_REAUTH, PushPlanner.PAUSED, true, null);
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

    /** A push that failed: the classifier decides what follows; {@code cause} is the exception, if one was thrown. */
    void failed(DesiredState state, Failure failure, Throwable cause) {
        Appointment a = state.appointment();
        FailurePolicy policy = classifier.decide(failure, state.attempts(), ThreadLocalRandom.current().nextDouble());
        count(policy instanceof FailurePolicy.RetryLater ? "retry" : policy instanceof FailurePolicy.PauseAccount
                ? "paused" : policy instanceof FailurePolicy.GiveUp ? "failed" : "bug");
        log.info("Pushing appointment {}/{} revision {} failed (attempt {}): {} -> {}", a.tenantId(), a.appointmentId(),
                a.revision(), state.attempts() + 1, failure.detail(), policy.getClass().getSimpleName());
        if (policy instanceof FailurePolicy.Bug) {
            log.error("Bug while pushing appointment {}/{}", a.tenantId(), a.appointmentId(), cause);
        }
        try {
            transaction.executeWithoutResult(tx -> recordFailure(state, failure, policy));
        } catch (RuntimeException reporting) {
            // the claim's lease expires and the appointment is tried again; nothing is lost
            log.warn("Could not record the failure of appointment {}/{}: {}", a.tenantId(), a.appointmentId(),
                    reporting.getMessage());
        }
    }

    /** The failure, what the platform is told of it, and a paused account: one transaction. */
    private void recordFailure(DesiredState state, Failure failure, FailurePolicy policy) {
        Appointment a = state.appointment();
        boolean firstFailure = state.attempts() == 0;
        if (policy instanceof FailurePolicy.RetryLater retry) {
            store.recordRetry(a, clock.instant().plus(retry.delay()), retry.reason());
            if (firstFailure) {
                publishFailed(a, SyncFailureReason.ICLOUD_UNAVAILABLE, retry.reason(), true, retry.delay());
            }
        } else if (policy instanceof FailurePolicy.PauseAccount pause) {
            Optional<UUID> rejected = failure instanceof Failure.CredentialsRejected credentials
                    ? credentials.account().flatMap(PushOutcomes::uuid) : Optional.empty();
            Optional<UUID> paused = pauseAccount(a, rejected, pause.reason());
            store.recordRetry(a, paused.map(this::retryWhilePaused).orElse(clock.instant().plus(properties.maxBackoff())),
                    pause.reason());
            publishFailed(a, SyncFailureReason.NEEDS_REAUTH, pause.reason(), true, null);
        } else if (policy instanceof FailurePolicy.GiveUp giveUp) {
            store.recordFailed(a, giveUp.reason());
            publishFailed(a, SyncFailureReason.REJECTED_BY_ICLOUD, giveUp.reason(), false, null);
        } else {
            Duration delay = ((FailurePolicy.Bug) policy).delay();
            store.recordRetry(a, clock.instant().plus(delay), policy.reason());
            if (firstFailure) {
                publishFailed(a, SyncFailureReason.INTERNAL_ERROR, "internal error; calsync retries", true, delay);
            }
        }
    }

    private static Optional<UUID> uuid(String key) {
        try {
            return Optional.of(UUID.fromString(key));
        } catch (IllegalArgumentException notAnAccountId) {
            return Optional.empty();
        }
    }

    /**
     * Pauses the account whose password iCloud rejected (a move also calls the old account; without a name, the
     * Primary's) if it is not paused yet; answers which account that is.
     */
    private Optional<UUID> pauseAccount(Appointment a, Optional<UUID> rejected, String reason) {
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
