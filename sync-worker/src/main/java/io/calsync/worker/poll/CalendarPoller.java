package io.calsync.worker.poll;

import io.calsync.worker.account.AccountLeases;
import io.calsync.worker.account.AccountReconnected;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Hands due calendars to a bounded pool ({@code calsync.poll.concurrency}), oldest-due first, each under its
 * account's lease and its own claim, both renewed while the poll runs; and releases the slots of calendars that
 * are no longer selected. The decisions are {@link CalendarPoll}'s; this is only the loop.
 */
@Component
class CalendarPoller implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(CalendarPoller.class);
    private static final int ORPHANS_PER_TICK = 20;

    private final PollQueue queue;
    private final CalendarPoll poll;
    private final SlotLedger ledger;
    private final AccountLeases leases;
    private final TransactionTemplate transaction;
    private final PollProperties properties;
    private final ExecutorService pool;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Set<PollTarget> running = ConcurrentHashMap.newKeySet();

    CalendarPoller(PollQueue queue, CalendarPoll poll, SlotLedger ledger, AccountLeases leases,
            TransactionTemplate transaction, PollProperties properties) {
        this.queue = queue;
        this.poll = poll;
        this.ledger = ledger;
        this.leases = leases;
        this.transaction = transaction;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        this.pool = Executors.newFixedThreadPool(properties.concurrency(),
                r -> new Thread(r, "calsync-poll-" + threads.incrementAndGet()));
    }

    /** The schedule's turn: releases orphaned slots, then fills the pool (which also refills itself as polls end). */
    @Scheduled(fixedDelayString = "${calsync.poll.tick:1s}")
    void pollDue() {
        releaseOrphanedSlots();
        fillPool();
    }

    /**
     * Fills free places of the pool with due calendars of accounts this instance can lease. Called by the schedule
     * and by every poll that ends, so a place never waits for the next tick while calendars are due.
     */
    synchronized void fillPool() {
        if (pool.isShutdown()) {
            return;
        }
        int free = properties.concurrency() - inFlight.get();
        if (free <= 0) {
            return;
        }
        Set<UUID> held = leases.acquire(queue.accountsWithDueCalendars(free * 2));
        try {
            if (held.isEmpty()) {
                return;
            }
            List<PollTarget> targets = queue.claimDue(held, free, properties.lease(), leases.instanceId(),
                    List.copyOf(running));
            for (PollTarget target : targets) {
                leases.acquire(List.of(target.accountId())); // this poll's own hold, released when it ends
                inFlight.incrementAndGet();
                running.add(target);
                pool.execute(() -> {
                    try {
                        poll.poll(target, leases.instanceId());
                    } catch (RuntimeException e) {
                        log.error("Poll of calendar {} of account {} ended unexpectedly", target.calendarId(),
                                target.accountId(), e);
                    } finally {
                        running.remove(target);
                        inFlight.decrementAndGet();
                        leases.release(target.accountId());
                        refill();
                    }
                });
            }
        } finally {
            held.forEach(leases::release);
        }
    }

    private void refill() {
        try {
            fillPool();
        } catch (RuntimeException e) {
            log.warn("Could not look for more due calendars now (the next tick will): {}", e.getMessage());
        }
    }

    /** Keeps the claims and account leases of running polls: a slow Apple must not let another instance in. */
    @Scheduled(fixedDelayString = "${calsync.worker.lease-renewal:5s}")
    void renewLeases() {
        queue.renew(running, properties.lease(), leases.instanceId());
        leases.renewHeld();
    }

    /** Slots of calendars deselected, disconnected or gone from iCloud: released durably, each calendar at once. */
    void releaseOrphanedSlots() {
        for (SlotLedger.Orphan orphan : ledger.orphans(ORPHANS_PER_TICK)) {
            Integer released = transaction.execute(tx -> ledger.releaseOrphaned(orphan.accountId(), orphan.calendarId(),
                    orphan.reason()));
            log.info("Released {} slots of calendar {} of account {} ({})", released, orphan.calendarId(),
                    orphan.accountId(), orphan.reason());
        }
    }

    @EventListener
    void onAccountReconnected(AccountReconnected reconnected) {
        queue.wakeUp(reconnected.accountId());
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdownNow();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }
}
