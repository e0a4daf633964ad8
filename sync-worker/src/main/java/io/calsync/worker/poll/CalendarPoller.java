package io.calsync.worker.poll;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.CalendarSyncState;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.ReleaseReason;
import io.calsync.worker.account.Account;
import io.calsync.worker.account.AccountCalendar;
import io.calsync.worker.account.AccountLeases;
import io.calsync.worker.account.AccountReconnected;
import io.calsync.worker.account.AccountStore;
import io.calsync.worker.caldav.AppleCredentials;
import io.calsync.worker.caldav.CalDavClient;
import io.calsync.worker.caldav.RemoteEvent;
import io.calsync.worker.ical.AppointmentCalendar;
import io.calsync.worker.ical.CalendarZone;
import io.calsync.worker.ical.EventOccurrences;
import io.calsync.worker.ical.Occurrence;
import io.calsync.worker.ical.OwnParticipation;
import io.calsync.service.kafka.EventPublisher;
import io.calsync.worker.push.DesiredStateStore;
import io.calsync.worker.resilience.AppleGuard;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Polls each selected calendar when it is due: getctag first (unchanged and same window day: done), else the
 * events of the sync window, expanded into occurrences and diffed against what was published.
 */
@Component
class CalendarPoller {

    private static final Logger log = LoggerFactory.getLogger(CalendarPoller.class);
    private static final int CLAIM_BATCH = 10;

    private final PollQueue queue;
    private final SlotLedger ledger;
    private final AccountStore accounts;
    private final AccountLeases leases;
    private final AppleGuard apple;
    private final DesiredStateStore ownEvents;
    private final CalDavClient caldav;
    private final EventPublisher events;
    private final PollProperties properties;
    private final Clock clock;

    CalendarPoller(PollQueue queue, SlotLedger ledger, AccountStore accounts, AccountLeases leases,
            DesiredStateStore ownEvents, CalDavClient caldav, AppleGuard apple, EventPublisher events,
            PollProperties properties, Clock clock) {
        this.queue = queue;
        this.leases = leases;
        this.apple = apple;
        this.ledger = ledger;
        this.accounts = accounts;
        this.ownEvents = ownEvents;
        this.caldav = caldav;
        this.events = events;
        this.properties = properties;
        this.clock = clock;
    }

    /** Polls due calendars of the accounts this instance can lease. */
    @Scheduled(fixedDelayString = "${calsync.poll.tick:1s}")
    void pollDue() {
        Set<UUID> held = leases.acquire(queue.accountsWithDueCalendars(CLAIM_BATCH));
        try {
            if (!held.isEmpty()) {
                queue.claimDue(held, CLAIM_BATCH, properties.lease()).forEach(this::poll);
            }
        } finally {
            held.forEach(leases::release);
        }
    }

    @EventListener
    void onAccountReconnected(AccountReconnected reconnected) {
        queue.wakeUp(reconnected.accountId());
    }

    void poll(PollTarget target) {
        Instant now = clock.instant();
        try {
            Optional<Account> account = accounts.findById(target.accountId());
            Optional<AccountCalendar> calendar = accounts.calendar(target.accountId(), target.calendarId());
            if (account.isEmpty() || calendar.isEmpty()) {
                return; // disconnected or deselected while claimed; its slots were released then
            }
            if (account.get().status() == AccountStatus.NEEDS_REAUTH) {
                queue.failed(target, "account needs re-authentication", nextPoll(now, 0));
                report(target, CalendarSyncState.PAUSED, target.lastSuccessAt(), now, "account needs re-authentication");
                return;
            }
            AppleCredentials credentials = accounts.credentials(target.accountId());
            LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
            String key = target.accountId().toString();
            Optional<String> ctag = apple.call(key, () -> caldav.ctag(calendar.get().url(), credentials));
            if (ctag.isPresent() && ctag.get().equals(target.ctag()) && today.equals(target.windowStart())) {
                queue.succeeded(target, ctag.get(), today, nextPoll(now, 0));
                report(target, CalendarSyncState.OK, now, now, null);
                return;
            }
            Instant from = today.atStartOfDay(ZoneOffset.UTC).toInstant().minus(properties.windowPast());
            Instant to = today.atStartOfDay(ZoneOffset.UTC).toInstant().plus(properties.windowAhead());
            Map<String, Slot> current = currentSlots(target,
                    apple.call(key, () -> caldav.eventsBetween(calendar.get().url(), from, to, credentials)), from, to);
            SlotDiff diff = SlotDiff.between(ledger.published(target.accountId(), target.calendarId()), current);
            ledger.apply(diff, slot -> slot.end().isAfter(from) && slot.start().isBefore(to)
                    ? ReleaseReason.EVENT_REMOVED : ReleaseReason.OUTSIDE_SYNC_WINDOW);
            log.debug("Polled calendar {} of account {}: {} slots, {} blocked, {} released", target.calendarId(),
                    target.accountId(), current.size(), diff.blocked().size(), diff.released().size());
            queue.succeeded(target, ctag.orElse(null), today, nextPoll(now, 0));
            report(target, CalendarSyncState.OK, now, now, null);
        } catch (RuntimeException e) {
            log.warn("Polling calendar {} of account {} failed: {}", target.calendarId(), target.accountId(), e.getMessage());
            queue.failed(target, e.getMessage(), nextPoll(now, target.failures() + 1));
            try {
                report(target, CalendarSyncState.FAILING, target.lastSuccessAt(), now, e.getMessage());
            } catch (RuntimeException reporting) {
                log.warn("Could not report the sync status of calendar {}: {}", target.calendarId(), reporting.getMessage());
            }
        }
    }

    private Map<String, Slot> currentSlots(PollTarget target, Iterable<RemoteEvent> remoteEvents, Instant from, Instant to) {
        Map<String, Slot> slots = new LinkedHashMap<>();
        for (RemoteEvent event : remoteEvents) {
            // no source of the calendar's zone yet (collection calendar-timezone, user setting): X-WR-TIMEZONE, else UTC
            EventOccurrences.Expansion expansion = EventOccurrences.expand(event.icalendar(), from, to,
                    CalendarZone.utc(), OwnParticipation.none());
            expansion.problem().ifPresent(problem ->
                    log.warn("Skipping unreadable event {} in calendar {}: {}", event.url(), target.calendarId(), problem));
            for (Occurrence o : expansion.occurrences()) {
                if (o.alwaysFree()) {
                    continue; // TRANSP:TRANSPARENT and STATUS:CANCELLED never block
                }
                if (o.uid().startsWith(AppointmentCalendar.UID_PREFIX) && ownEvents.isOwnEvent(target.tenantId(), o.uid())) {
                    continue; // product rule 6: our own appointments are not blocked slots
                }
                String slotId = Slot.idOf(target.accountId(), target.calendarId(), o.uid(), o.recurrenceId());
                slots.put(slotId, new Slot(slotId, target.tenantId(), target.userId(), target.accountId(),
                        target.calendarId(), target.role(), o.uid(), o.recurrenceId(), o.start(), o.end(), o.allDay(),
                        o.startDate(), o.endDate(), properties.includeTitles() ? o.title() : null));
            }
        }
        return slots;
    }

    /** The regular interval with up to 20 % jitter; after failures, doubling up to an hour. */
    private Instant nextPoll(Instant now, int failures) {
        Duration base = properties.interval().multipliedBy(1L << Math.min(failures, 6));
        Duration capped = base.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : base;
        long jitter = (long) (capped.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble());
        return now.plus(capped).plusMillis(jitter);
    }

    private void report(PollTarget target, CalendarSyncState state, Instant lastSuccess, Instant attempt, String error) {
        events.publish(new CalendarSyncStatusReported(target.tenantId(), target.userId(), target.accountId().toString(),
                target.calendarId(), target.role(), state, lastSuccess, attempt, error));
    }
}
