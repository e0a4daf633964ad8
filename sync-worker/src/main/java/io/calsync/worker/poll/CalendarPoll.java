package io.calsync.worker.poll;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.AppointmentDrifted;
import io.calsync.contracts.CalendarSyncState;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.ReleaseReason;
import io.calsync.contracts.SlotDigest;
import io.calsync.service.failure.FailureClassifier;
import io.calsync.service.failure.FailurePolicy;
import io.calsync.worker.account.Account;
import io.calsync.worker.account.AccountCalendar;
import io.calsync.worker.account.AccountStore;
import io.calsync.worker.caldav.AppleCredentials;
import io.calsync.worker.caldav.CalDavCalendarServer;
import io.calsync.worker.caldav.DavHrefs;
import io.calsync.worker.ical.AppointmentCalendar;
import io.calsync.worker.ical.CalendarZone;
import io.calsync.worker.ical.EventOccurrences;
import io.calsync.worker.ical.Occurrence;
import io.calsync.worker.ical.OwnParticipation;
import io.calsync.worker.outbox.Outbox;
import io.calsync.worker.push.DesiredState;
import io.calsync.worker.push.DesiredStateStore;
import io.calsync.worker.resilience.AppleFailures;
import io.calsync.worker.resilience.AppleGuard;
import io.calsync.worker.sync.CalendarSync;
import io.calsync.worker.sync.FetchedResource;
import io.calsync.worker.sync.KnownCalendar;
import io.calsync.worker.sync.SyncResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One poll of one claimed calendar: the sync template over CalDAV (outside any transaction), then, in one
 * transaction and only if the claim still holds, the stored resources, the slot diff with its events, drift
 * reports and the calendar's state, all through the outbox.
 */
@Component
class CalendarPoll {

    private static final Logger log = LoggerFactory.getLogger(CalendarPoll.class);

    private final PollQueue queue;
    private final CalendarResources resources;
    private final SlotLedger ledger;
    private final AccountStore accounts;
    private final DesiredStateStore ownEvents;
    private final CalendarServers servers;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final PollProperties properties;
    private final FailureClassifier classifier;
    private final MeterRegistry meters;
    private final Clock clock;
    private final Counter unreadable;

    CalendarPoll(PollQueue queue, CalendarResources resources, SlotLedger ledger, AccountStore accounts,
            DesiredStateStore ownEvents, CalendarServers servers, Outbox outbox, TransactionTemplate transaction,
            PollProperties properties, AppleGuard apple, Clock clock, MeterRegistry meters) {
        this.queue = queue;
        this.resources = resources;
        this.ledger = ledger;
        this.accounts = accounts;
        this.ownEvents = ownEvents;
        this.servers = servers;
        this.outbox = outbox;
        this.transaction = transaction;
        this.properties = properties;
        this.classifier = new FailureClassifier(Duration.ofHours(1), apple.openStateWait());
        this.clock = clock;
        this.unreadable = Counter.builder("calsync.poll.unreadable.resources")
                .description("Calendar resources that could not be read; their previous slots stay").register(meters);
        this.meters = meters;
    }

    /** {@code calsync.poll.outcomes} by outcome (ok, failed, paused) and {@code calsync.poll.duration}. */
    private void observed(String outcome, long startedNanos) {
        meters.counter("calsync.poll.outcomes", "outcome", outcome).increment();
        Timer.builder("calsync.poll.duration").publishPercentileHistogram().register(meters)
                .record(System.nanoTime() - startedNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    }

    void poll(PollTarget target, String owner) {
        Instant now = clock.instant();
        long started = System.nanoTime();
        Optional<Account> account = accounts.findById(target.accountId());
        Optional<AccountCalendar> calendar = accounts.calendar(target.accountId(), target.calendarId());
        if (account.isEmpty() || calendar.isEmpty()) {
            return; // disconnected or deselected meanwhile: its slots are released as orphans
        }
        try {
            if (account.get().status() != AccountStatus.CONNECTED) {
                transaction.executeWithoutResult(tx -> {
                    if (queue.failed(target, owner, "account needs re-authentication", nextPoll(now, 0), true)) {
                        report(target, CalendarSyncState.PAUSED, target.lastSuccessAt(), now,
                                "account needs re-authentication", false);
                    }
                });
                observed("paused", started);
                return;
            }
            KnownCalendar known = resources.known(target);
            Map<String, String> ownHrefs = new HashMap<>();
            AppleCredentials credentials = accounts.credentials(target.accountId());
            String key = target.accountId().toString();
            CalDavCalendarServer server = servers.open(calendar.get().url(), credentials, key);
            PollTarget polled = target.ownAddresses() != null ? target : target.withFirstSync(
                    server.timeZone().map(ZoneId::getId).orElse(null),
                    List.copyOf(servers.ownAddresses(account.get().principalUrl(), credentials, key)));
            SyncResult result = CalendarSync.sync(server, known, () -> {
                Map<String, String> own = new HashMap<>();
                ownEvents.writtenIn(target.accountId(), target.calendarId()).forEach((href, etag) -> {
                    own.put(DavHrefs.canonical(href), etag);
                    ownHrefs.put(DavHrefs.canonical(href), href);
                });
                return own;
            });
            transaction.executeWithoutResult(tx -> apply(polled, owner, account.get(), known, result, ownHrefs, now));
            observed("ok", started);
        } catch (RuntimeException e) {
            observed("failed", started);
            failed(target, owner, account.get(), e, now);
        }
    }

    private void apply(PollTarget claimed, String owner, Account account, KnownCalendar known, SyncResult result,
            Map<String, String> ownHrefs, Instant now) {
        Optional<PollTarget> configured = queue.claimed(claimed, owner);
        if (configured.isEmpty()) {
            log.debug("Calendar {} of account {} was deselected or re-claimed during its poll; result dropped",
                    claimed.calendarId(), claimed.accountId());
            return;
        }
        PollTarget asConfigured = configured.get();
        // the operator's include-titles=false overrides every calendar's privacy, and counts in what was published with
        PollTarget target = asConfigured.withSettings(asConfigured.role(),
                asConfigured.rules().allowingTitles(properties.includeTitles()), asConfigured.userZone());
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        Instant from = today.atStartOfDay(ZoneOffset.UTC).toInstant().minus(properties.windowPast());
        Instant to = today.atStartOfDay(ZoneOffset.UTC).toInstant().plus(properties.windowAhead());
        CalendarZone zone = target.zone();
        List<String> addresses = new java.util.ArrayList<>(target.ownAddresses());
        addresses.add("mailto:" + account.appleId());
        OwnParticipation own = OwnParticipation.of(addresses);
        Map<String, String> problemsBefore = resources.problems(target.accountId(), target.calendarId());
        CalendarResources.Changes changes = changes(target, known, result, problemsBefore, from, to, zone, own);
        resources.apply(target.accountId(), target.calendarId(), changes);
        boolean recompute = !changes.isEmpty() || !today.equals(target.windowStart())
                || !target.computation().equals(target.publishedWith());
        boolean slotsChanged = false;
        if (recompute) {
            Map<String, Slot> current = CalendarSlots.of(target, resources.readable(target.accountId(), target.calendarId()),
                    from, to, zone, own, target.rules(), uid -> uid.startsWith(AppointmentCalendar.UID_PREFIX)
                            && ownEvents.isOwnEvent(target.tenantId(), uid));
            SlotDiff diff = SlotDiff.between(ledger.published(target.accountId(), target.calendarId()), current);
            ledger.apply(diff, slot -> slot.end().isAfter(from) && slot.start().isBefore(to)
                    ? ReleaseReason.EVENT_REMOVED : ReleaseReason.OUTSIDE_SYNC_WINDOW);
            slotsChanged = !diff.isEmpty();
            log.debug("Calendar {} of account {}: {} slots, {} blocked, {} released ({} requests)", target.calendarId(),
                    target.accountId(), current.size(), diff.blocked().size(), diff.released().size(), result.requests());
        }
        reportDrift(target, result, ownHrefs, zone, own, now);
        removeLateEvents(target, result);
        boolean supportsSync = known.supportsSyncCollection() && (result.next().syncToken() != null || !result.complete());
        queue.succeeded(target, result.next().syncToken(), result.next().ctag(), supportsSync, today, nextPoll(now, 0));
        // the status names what is still wrong, as long as it is, and is published again when that changes
        Map<String, String> problems = resources.problems(target.accountId(), target.calendarId());
        String error = problems.entrySet().stream().findFirst()
                .map(p -> problems.size() + " events could not be read and keep their previous slots, e.g. "
                        + p.getKey() + ": " + p.getValue())
                .orElse(null);
        // a changed slot set is news too: the status carries the slots' digest, which consumers wait for
        report(target, CalendarSyncState.OK, now, now, error, slotsChanged || !problems.equals(problemsBefore));
    }

    /** What to store of the sync's result: ETags of everything seen, and the text of others' readable events. */
    private CalendarResources.Changes changes(PollTarget target, KnownCalendar known, SyncResult result,
            Map<String, String> problemsBefore, Instant from, Instant to, CalendarZone zone, OwnParticipation own) {
        CalendarResources.Changes changes = CalendarResources.Changes.empty();
        result.next().etags().forEach((href, etag) -> {
            if (!etag.equals(known.etags().get(href))) {
                changes.etags().put(href, etag);
            }
        });
        known.etags().keySet().stream().filter(href -> !result.next().etags().containsKey(href))
                .forEach(changes.removed()::add);
        for (FetchedResource resource : result.changed()) {
            EventOccurrences.Expansion check = EventOccurrences.expand(resource.data(), from, to, zone, own);
            if (check.problem().isPresent()) {
                problem(target, resource.href(), check.problem().get(), problemsBefore, changes);
            } else {
                changes.texts().put(resource.href(), resource.data());
            }
        }
        for (String href : result.missing()) {
            // asked for and not returned: nothing is known of it, so it keeps its text and slots and is asked again
            changes.etags().putIfAbsent(href, known.etags().getOrDefault(href, ""));
            problem(target, href, "not returned by calendar-multiget", problemsBefore, changes);
        }
        return changes;
    }

    /** Records why a resource cannot be used; logs and counts it once, not on every poll that finds it so again. */
    private void problem(PollTarget target, String href, String problem, Map<String, String> problemsBefore,
            CalendarResources.Changes changes) {
        changes.problems().put(href, problem);
        if (!problem.equals(problemsBefore.get(href))) {
            unreadable.increment();
            log.warn("Event {} in calendar {} of account {} cannot be read; its previous slots stay: {}", href,
                    target.calendarId(), target.accountId(), problem);
        }
    }

    /** calsync's own events changed or deleted in iCloud: told to the platform once per change, never slots. */
    private void reportDrift(PollTarget target, SyncResult result, Map<String, String> ownHrefs, CalendarZone zone,
            OwnParticipation own, Instant now) {
        for (FetchedResource resource : result.drifted()) {
            drifted(target, ownHrefs.get(resource.href()), resource.etag(), now, describe(resource, zone, own));
        }
        for (String href : result.ownDeleted()) {
            drifted(target, ownHrefs.get(href), "deleted", now, "deleted in iCloud");
        }
    }

    /**
     * calsync's own events, by their resource name, that the push path has not recorded here: an event of a cancelled
     * appointment whose create landed after the cancellation is handed to the push path for removal. (Never slots:
     * own UIDs are left out of them.)
     */
    private void removeLateEvents(PollTarget target, SyncResult result) {
        for (FetchedResource resource : result.changed()) {
            String name = resource.href().substring(resource.href().lastIndexOf('/') + 1);
            if (!name.startsWith(AppointmentCalendar.UID_PREFIX) || !name.endsWith(".ics")) {
                continue;
            }
            String uid = name.substring(0, name.length() - ".ics".length());
            ownEvents.removeLateEvent(target.tenantId(), target.userId(), uid, target.accountId(), target.calendarId(),
                    resource.href())
                    .ifPresent(appointmentId -> log.info("Event of cancelled appointment {} of user {}/{} found in "
                            + "calendar {} after its cancellation (a create that landed late); removing it",
                            appointmentId, target.tenantId(), target.userId(), target.calendarId()));
        }
    }

    /** @param href the href as the push path stored it */
    private void drifted(PollTarget target, String href, String etag, Instant now, String detail) {
        if (href == null) {
            return;
        }
        Optional<DesiredState> state = ownEvents.writtenAt(target.accountId(), target.calendarId(), href);
        if (state.isEmpty() || state.get().appointment().cancelled() || !ownEvents.recordDrift(state.get(), etag)) {
            return;
        }
        DesiredState s = state.get();
        log.info("Appointment {} of user {}/{} drifted in iCloud: {}", s.appointment().appointmentId(),
                target.tenantId(), target.userId(), detail);
        outbox.append(new AppointmentDrifted(target.tenantId(), target.userId(), s.appointment().appointmentId(),
                target.accountId().toString(), target.calendarId(), href, detail, now));
    }

    private static String describe(FetchedResource resource, CalendarZone zone, OwnParticipation own) {
        EventOccurrences.Expansion expansion = EventOccurrences.expand(resource.data(), Instant.EPOCH,
                Instant.parse("9999-01-01T00:00:00Z"), zone, own);
        return expansion.occurrences().stream().findFirst()
                .map(o -> "changed in iCloud, now " + o.start() + " to " + o.end())
                .orElse("changed in iCloud");
    }

    /** A failed poll: only the instance still holding the claim records it (one whose claim ran out changes nothing). */
    private void failed(PollTarget target, String owner, Account account, RuntimeException e, Instant now) {
        FailurePolicy policy = classifier.decide(AppleFailures.of(e), target.failures() + 1,
                ThreadLocalRandom.current().nextDouble());
        log.warn("Polling calendar {} of account {} failed: {}", target.calendarId(), target.accountId(), e.getMessage());
        transaction.executeWithoutResult(tx -> {
            if (policy instanceof FailurePolicy.PauseAccount pause) {
                if (account.status() == AccountStatus.CONNECTED) {
                    log.warn("iCloud rejected the password of account {}: paused until the user re-enters it",
                            account.accountId());
                    accounts.setStatus(account.accountId(), AccountStatus.NEEDS_REAUTH, pause.reason());
                    outbox.append(new IntegrationStatusChanged(account.tenantId(), account.userId(),
                            account.accountId().toString(), AccountStatus.NEEDS_REAUTH, pause.reason(), now));
                }
                if (queue.failed(target, owner, pause.reason(), nextPoll(now, 0), true)) {
                    report(target, CalendarSyncState.PAUSED, target.lastSuccessAt(), now, pause.reason(), false);
                }
                return;
            }
            // calsync's own guards refusing the call (an open circuit) say nothing of this calendar: no back-off grows
            boolean counted = !(policy instanceof FailurePolicy.RetryLater retry) || retry.counted();
            Instant next = counted ? nextPoll(now, target.failures() + 1) : now;
            if (policy instanceof FailurePolicy.RetryLater retry && now.plus(retry.delay()).isAfter(next)) {
                next = now.plus(retry.delay());
            }
            if (queue.failed(target, owner, e.getMessage(), next, counted)) {
                report(target, CalendarSyncState.FAILING, target.lastSuccessAt(), now, e.getMessage(), false);
            }
        });
    }

    /** The regular interval with up to 20 % jitter; after failures, doubling up to an hour. */
    private Instant nextPoll(Instant now, int failures) {
        Duration base = properties.interval().multipliedBy(1L << Math.min(failures, 6));
        Duration capped = base.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : base;
        long jitter = (long) (capped.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble());
        return now.plus(capped).plusMillis(jitter);
    }

    /**
     * Publishes the calendar's state when it changed, when {@code news} says so, or when the last report is old,
     * with the digest of the slots published for it (they change only in a successful poll, so they are the slots
     * as of {@code lastSuccess}).
     */
    private void report(PollTarget target, CalendarSyncState state, Instant lastSuccess, Instant attempt, String error,
            boolean news) {
        boolean due = target.reportedAt() == null
                || target.reportedAt().plus(properties.statusRefresh()).isBefore(attempt);
        if (state != target.reportedState() || news || due) {
            outbox.append(new CalendarSyncStatusReported(target.tenantId(), target.userId(),
                    target.accountId().toString(), target.calendarId(), target.role(), state, lastSuccess, attempt,
                    error, SlotDigest.of(ledger.published(target.accountId(), target.calendarId()).values()).toString()));
            queue.reported(target, state);
        }
    }
}
