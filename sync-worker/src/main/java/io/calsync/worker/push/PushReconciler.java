package io.calsync.worker.push;

import io.calsync.contracts.AccountStatus;
import io.calsync.worker.account.AccountStore;
import io.calsync.worker.account.SelectionStore;
import io.calsync.worker.caldav.CalDavCalendarWriter;
import io.calsync.worker.caldav.CalDavClient;
import io.calsync.worker.domain.AccountState;
import io.calsync.worker.domain.Appointment;
import io.calsync.worker.domain.CalendarWriter;
import io.calsync.worker.domain.PrimaryCalendar;
import io.calsync.worker.domain.PushExecutor;
import io.calsync.worker.domain.PushPlanner;
import io.calsync.worker.domain.PushResult;
import io.calsync.worker.domain.PushStep;
import io.calsync.worker.domain.WrittenEvent;
import io.calsync.worker.resilience.AppleFailures;
import io.calsync.worker.resilience.AppleGuard;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * Reconciles claimed appointments, one after another: reads what is known (BatchLookups), lets the pure domain
 * decide ({@link PushPlanner}) and carry the step out over the CalDAV adapter ({@link PushExecutor}, {@link
 * CalDavCalendarWriter}), and hands what it came to, or the failure, to {@link PushOutcomes}. No threads, no leases:
 * the {@link PushDispatcher} calls it.
 */
@Component
class PushReconciler {

    private final SelectionStore selections;
    private final AccountStore accounts;
    private final CalDavClient caldav;
    private final AppleGuard apple;
    private final PushOutcomes outcomes;
    private final Clock clock;
    /** Requests to Apple in flight at once ({@code calsync.push.concurrency}), over all accounts being worked. */
    private final Semaphore requests;

    PushReconciler(SelectionStore selections, AccountStore accounts, CalDavClient caldav, AppleGuard apple,
            PushOutcomes outcomes, Clock clock, PushProperties properties) {
        this.selections = selections;
        this.accounts = accounts;
        this.caldav = caldav;
        this.apple = apple;
        this.outcomes = outcomes;
        this.clock = clock;
        this.requests = new Semaphore(properties.concurrency(), true);
    }

    /** One batch of claimed appointments (usually of one account): what they share is read once. */
    void reconcile(List<DesiredState> batch) {
        BatchLookups lookups = new BatchLookups(selections, accounts);
        CalendarWriter calendar = new CalDavCalendarWriter(caldav, new CalDavCalendarWriter.Guard() {
            @Override
            public <T> T call(UUID account, Supplier<T> call) {
                requests.acquireUninterruptibly();
                try {
                    return apple.call(account.toString(), call);
                } finally {
                    requests.release();
                }
            }
        }, lookups::credentials, lookups::calendarUrl, clock);
        List<PushOutcomes.Pushed> pushed = new ArrayList<>(batch.size());
        for (DesiredState state : batch) {
            reconcile(state, lookups, calendar).ifPresent(result -> pushed.add(new PushOutcomes.Pushed(state, result)));
        }
        outcomes.record(pushed);
    }

    /** What pushing one appointment came to; empty when it failed (the failure is recorded already). */
    private Optional<PushResult> reconcile(DesiredState state, BatchLookups lookups, CalendarWriter calendar) {
        Appointment a = state.appointment();
        try {
            Optional<WrittenEvent> written = state.isWritten() ? Optional.of(new WrittenEvent(state.writtenAccountId(),
                    state.writtenCalendarId(), state.href(), state.etag())) : mayHaveLanded(state, calendar);
            Optional<PrimaryCalendar> primary = lookups.primaryOf(a.tenantId(), a.userId())
                    .map(p -> new PrimaryCalendar(p.accountId(), p.calendarId()));
            PushStep step = PushPlanner.plan(a, Optional.ofNullable(state.writtenRevision()), written, primary,
                    id -> accountState(id, lookups));
            return Optional.of(PushExecutor.execute(a, step, calendar));
        } catch (RuntimeException e) {
            outcomes.failed(state, AppleFailures.of(e), e);
            return Optional.empty();
        }
    }

    /**
     * For a cancellation: the event a create may have left whose outcome calsync never learned (the worker died or
     * timed out while it was sent, and it landed all the same). It is removed like a written one, where the create
     * would have put it; a 404 means it never landed. Anything else: nothing is known to be written.
     */
    private static Optional<WrittenEvent> mayHaveLanded(DesiredState state, CalendarWriter calendar) {
        if (!state.appointment().cancelled()) {
            return Optional.empty();
        }
        return state.unconfirmedCreate().map(target -> new WrittenEvent(target.accountId(), target.calendarId(),
                calendar.locate(target, state.appointment()), null));
    }

    private static AccountState accountState(UUID accountId, BatchLookups lookups) {
        return lookups.account(accountId).map(account -> account.status() == AccountStatus.NEEDS_REAUTH
                ? AccountState.NEEDS_REAUTH : AccountState.CONNECTED).orElse(AccountState.DISCONNECTED);
    }
}
