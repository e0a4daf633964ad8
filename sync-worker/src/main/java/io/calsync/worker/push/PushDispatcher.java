package io.calsync.worker.push;

import io.calsync.worker.account.AccountLeases;
import io.calsync.worker.account.AccountReconnected;
import io.calsync.worker.account.PrimaryCalendarChanged;
import io.calsync.worker.resilience.AppleGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The push path's loop: threads, leases and batching, nothing else. It finds the accounts with due work, leases each
 * (renewed while its work runs), claims an account's due appointments in batches as far as its rate limit allows, and
 * hands each batch to the {@link PushReconciler}, which decides (the pure domain) and carries out (the CalDAV adapter)
 * what each appointment needs.
 */
@Component
class PushDispatcher implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PushDispatcher.class);

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final DesiredStateStore store;
    private final PushReconciler reconciler;
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
    private final PushProperties properties;

    PushDispatcher(DesiredStateStore store, PushReconciler reconciler, AccountLeases leases, AppleGuard apple,
            PushProperties properties) {
        this.store = store;
        this.reconciler = reconciler;
        this.leases = leases;
        this.apple = apple;
        this.properties = properties;
        this.workers = Executors.newFixedThreadPool(properties.accountsAtOnce(), r -> {
            Thread thread = new Thread(r, "push-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The dispatcher loop: fills every free slot (up to {@link PushProperties#accountsAtOnce()}) with an account that has
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
        int free = properties.accountsAtOnce() - inProgress.size();
        boolean stale = System.nanoTime() - dueWorkReadAt > properties.interval().toNanos();
        if (free > 0 && (newWork || stale || startable(free).isEmpty())) {
            newWork = false;
            dueWork = new ArrayList<>(store.dueWork(4 * properties.accountsAtOnce()));
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
            reconciler.reconcile(batch);
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
}
