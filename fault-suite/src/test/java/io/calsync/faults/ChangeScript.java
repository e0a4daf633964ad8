package io.calsync.faults;

import io.calsync.testsupport.JsonHttp;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.awaitility.Awaitility;

/**
 * What users do while the reliability tests crash the worker: random events created, moved and deleted on their
 * phones, conflict calendars deselected and selected again through the worker's API, and scripted moments (an
 * account disconnected, a password revoked). Calls to the worker wait until it answers again: a user retries.
 */
final class ChangeScript {

    private final List<CalendarOwner> owners;
    private final JsonHttp api;
    private final Random random;
    private final Instant today;
    private final AtomicInteger steps = new AtomicInteger();
    private final Map<Integer, Runnable> moments = new HashMap<>();
    private int events;

    ChangeScript(List<CalendarOwner> owners, JsonHttp api, long seed, Instant today) {
        this.owners = owners;
        this.api = api;
        this.random = new Random(seed);
        this.today = today;
    }

    /** Runs {@code action} as step {@code step} instead of a random change. */
    ChangeScript at(int step, Runnable action) {
        moments.put(step, action);
        return this;
    }

    int steps() {
        return steps.get();
    }

    /** Runs {@code total} steps, {@code pause} apart; completes when all ran, exceptionally when one failed. */
    CompletableFuture<Void> run(int total, Duration pause) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ScheduledExecutorService runner = Executors.newSingleThreadScheduledExecutor();
        runner.scheduleWithFixedDelay(() -> {
            try {
                if (steps.get() >= total) {
                    done.complete(null);
                    return;
                }
                Runnable moment = moments.get(steps.get());
                if (moment != null) {
                    moment.run();
                } else {
                    randomStep();
                }
                steps.incrementAndGet();
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, 0, pause.toMillis(), TimeUnit.MILLISECONDS);
        done.whenComplete((ok, failure) -> runner.shutdown());
        return done;
    }

    /**
     * A call to the worker, repeated while the worker is down (killed, starting again: it may wait for its turn to
     * start, then take up to 180 s on a loaded machine).
     */
    JsonHttp.Response callWorker(Function<JsonHttp, JsonHttp.Response> call) {
        return Awaitility.await("the worker answers").atMost(Duration.ofSeconds(360)).pollInterval(Duration.ofMillis(200))
                .ignoreException(UncheckedIOException.class)
                .until(() -> call.apply(api), response -> true);
    }

    void create(CalendarOwner owner, String calendarId) {
        String resource = "e" + (++events) + ".ics";
        put(owner, calendarId, resource);
        owner.events.put(resource, calendarId);
    }

    private void randomStep() {
        CalendarOwner owner = owners.get(random.nextInt(owners.size()));
        int roll = random.nextInt(100);
        List<String> resources = new ArrayList<>(owner.events.keySet());
        if (roll < 40 || resources.isEmpty()) {
            create(owner, owner.calendars().get(random.nextInt(owner.calendars().size())));
        } else if (roll < 65) {
            String resource = resources.get(random.nextInt(resources.size()));
            put(owner, owner.events.get(resource), resource);
        } else if (roll < 80) {
            String resource = resources.get(random.nextInt(resources.size()));
            owner.phone.deleteEvent(owner.events.remove(resource), resource);
        } else if (owner.connected && roll < 90 && !owner.selectedConflicts.isEmpty()) {
            List<String> selected = new ArrayList<>(owner.selectedConflicts);
            owner.selectedConflicts.remove(selected.get(random.nextInt(selected.size())));
            configure(owner);
        } else if (owner.connected && owner.selectedConflicts.size() < owner.conflicts.size()) {
            List<String> deselected = new ArrayList<>(owner.conflicts);
            deselected.removeAll(owner.selectedConflicts);
            owner.selectedConflicts.add(deselected.get(random.nextInt(deselected.size())));
            configure(owner);
        } else {
            create(owner, owner.calendars().get(random.nextInt(owner.calendars().size())));
        }
    }

    /** Writes (or moves) the event in {@code resource} to a random time: a single event, or a short daily series. */
    private void put(CalendarOwner owner, String calendarId, String resource) {
        Instant start = today.plus(Duration.ofDays(1 + random.nextInt(19))).plus(Duration.ofMinutes(15L * random.nextInt(96)));
        Duration length = Duration.ofMinutes(15L * (2 + random.nextInt(7)));
        int occurrences = random.nextInt(10) == 0 ? 2 + random.nextInt(3) : 1;
        String uid = resource.replace(".ics", "") + "-" + owner.userId;
        owner.phone.putEvent(calendarId, resource, SimpleEvents.ics(uid, start, length, occurrences, "Event " + resource));
    }

    void configure(CalendarOwner owner) {
        JsonHttp.Response configured = callWorker(worker -> worker.put(owner.path() + "/calendar-configuration",
                owner.configuration()));
        if (configured.status() != 200) {
            throw new AssertionError("configuration of " + owner.userId + " refused: " + configured);
        }
    }
}
