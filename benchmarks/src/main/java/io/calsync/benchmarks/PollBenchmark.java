package io.calsync.benchmarks;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.Topics;
import io.calsync.infra.KafkaBroker;
import io.calsync.infra.PostgresServer;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.Radicale;
import io.calsync.testsupport.TestTokens;
import io.calsync.worker.caldav.AppleCredentials;
import io.calsync.worker.caldav.CalDavClient;
import io.calsync.worker.caldav.CalDavProperties;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.springframework.util.unit.DataSize;

/**
 * The read path: what polling costs against iCloud (Radicale behind the iCloud proxy, +50 ms per request), counted
 * in requests and bytes at the proxy, with the same work done in the same run by a <em>plain full-listing
 * client</em> — what a naive poller (and calsync's old one) does on every poll: one calendar-query REPORT of the
 * whole sync window with the data of every event ({@link CalDavClient#eventsBetween}).
 * <ol>
 *   <li>A calendar of {@code events} events: its first sync (requests, bytes, seconds, and how fast its slots reach
 *       Kafka), then one poll each with nothing changed, with {@code changes} events changed on the phone, and right
 *       after calsync pushed {@code pushes} appointments into it.
 *   <li>{@code calendars} calendars of {@code eventsPerCalendar} events each ({@code calendarsPerAccount} per
 *       account, all selected), one full cycle with nothing changed: seconds, the worker's heap and CPU.
 * </ol>
 * One poll is observed from outside: the worker polls once an hour, a poll is triggered by making the calendar
 * due in the worker's database, and it is over when the calendar's {@code last_success_at} passes the trigger.
 */
public final class PollBenchmark {

    static final int EVENTS = Integer.getInteger("events", 1000);
    static final int CHANGES = Integer.getInteger("changes", 10);
    static final int PUSHES = Integer.getInteger("pushes", 10);
    static final int CALENDARS = Integer.getInteger("calendars", 1000);
    static final int CALENDARS_PER_ACCOUNT = Integer.getInteger("calendarsPerAccount", 5);
    static final int EVENTS_PER_CALENDAR = Integer.getInteger("eventsPerCalendar", 3);
    static final Duration LATENCY = Duration.ofMillis(Long.getLong("latencyMs", 50));
    /** Worker settings to try instead of its defaults (empty: the defaults, which are what is measured). */
    static final String POLL_CONCURRENCY = System.getProperty("pollConcurrency", "");
    static final String POLL_TICK = System.getProperty("pollTick", "");
    static final int SETUP_THREADS = 8;
    static final String TENANT = "bench";
    static final String PLAIN = "plain-full-listing";
    private static final DateTimeFormatter ICAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private PollBenchmark() {
    }

    /** A connected account and its calendars as calsync and the plain client see them. */
    record Account(String userId, CalDavUser caldav, UUID accountId, List<String> calendarIds) {
    }

    /** One measured poll: calsync's, and the plain client's of the same calendar right after. */
    record Compared(String what, ProxyTraffic calsync, double calsyncSeconds, ProxyTraffic plain, double plainSeconds,
            long changedBodies) {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("calsync-bench-");
        String loadAtStart = Files.readString(Path.of("/proc/loadavg")).trim();
        try (KafkaBroker kafka = KafkaBroker.start(home.resolve("kafka"));
                PostgresServer postgres = PostgresServer.localOrEmbedded("127.0.0.1", 5432, home.resolve("pg"), false);
                Radicale radicale = Radicale.start();
                ICloudProxy icloud = ICloudProxy.start(radicale)) {
            String database = "calsync_bench_" + UUID.randomUUID().toString().substring(0, 8);
            postgres.createDatabaseIfMissing(database);
            List<String> workerArgs = new ArrayList<>();
            if (!POLL_CONCURRENCY.isBlank()) {
                workerArgs.add("--calsync.poll.concurrency=" + POLL_CONCURRENCY);
            }
            if (!POLL_TICK.isBlank()) {
                workerArgs.add("--calsync.poll.tick=" + POLL_TICK);
            }
            try (WorkerProcess worker = WorkerProcess.start(kafka, postgres, database, icloud, workerArgs.toArray(String[]::new));
                    PollSchedule schedule = new PollSchedule(postgres, database);
                    KafkaEvents events = new KafkaEvents(kafka.bootstrapServers(), Topics.APPOINTMENT_SYNC, Topics.BLOCKED_SLOTS);
                    CalDavClient plain = plainClient(icloud)) {
                JsonHttp api = new JsonHttp(worker.baseUrl()).with("Authorization", TestTokens.bearer(TestTokens.forTenant(TENANT)));
                RadicaleStorage storage = RadicaleStorage.of(radicale);
                new Run(icloud, radicale, storage, worker, schedule, events, plain, api, loadAtStart).run();
            } finally {
                postgres.dropDatabase(database);
            }
        }
    }

    private static CalDavClient plainClient(ICloudProxy icloud) {
        // calsync's own defaults, so that both clients accept the same answers; only the User-Agent tells them apart
        return new CalDavClient(new CalDavProperties(URI.create(icloud.rootUrl()), List.of(icloud.hostPorts().split(",")),
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60), DataSize.ofMegabytes(4), 200, 64,
                256, 32), Clock.systemUTC(), PLAIN);
    }

    /** The benchmark's steps over the started components. */
    private record Run(ICloudProxy icloud, Radicale radicale, RadicaleStorage storage, WorkerProcess worker,
            PollSchedule schedule, KafkaEvents events, CalDavClient plain, JsonHttp api, String loadAtStart) {

        void run() throws Exception {
            int cores = Runtime.getRuntime().availableProcessors();
            System.out.printf(Locale.ROOT, "%ncalsync poll benchmark: proxy latency %d ms per request; worker poll "
                    + "concurrency %s, tick %s; %d cores shared by the CalDAV server, PostgreSQL, the Kafka broker, the "
                    + "proxy and the worker%n", LATENCY.toMillis(), POLL_CONCURRENCY.isBlank() ? "default (4)" : POLL_CONCURRENCY,
                    POLL_TICK.isBlank() ? "default (1s)" : POLL_TICK, cores);
            System.out.printf(Locale.ROOT, "   load average at start (1, 5, 15 min): %s%n", loadAverage(loadAtStart));
            System.out.printf(Locale.ROOT, "   plain full-listing client: one calendar-query REPORT of the sync window with "
                    + "calendar-data per poll (CalDavClient.eventsBetween), same proxy, same counting%n");

            // 1. one large calendar
            Account big = bigCalendar();
            FirstSync first = firstSync(big);
            List<Compared> single = new ArrayList<>();
            single.add(compare("0 changes", big, () -> { }, List.of()));
            List<String> changed = changedNames(CHANGES);
            single.add(compare(CHANGES + " changed events", big, () -> changeEvents(big, changed), changed));
            single.add(compare(PUSHES + " own pushes", big, () -> pushAppointments(big, PUSHES), List.of()));

            // 2. many small calendars
            icloud.everyone().latency(Duration.ZERO);
            Instant setupStart = Instant.now();
            List<Account> many = manyCalendars();
            List<UUID> manyIds = many.stream().map(Account::accountId).toList();
            int manyCalendars = many.stream().mapToInt(a -> a.calendarIds().size()).sum();
            int retried = awaitFirstSyncs(manyIds, manyCalendars);
            PollSchedule.Poll firstSyncs = schedule.awaitSuccess(manyIds, manyCalendars, setupStart.minusSeconds(1),
                    Duration.ofMinutes(1));
            icloud.everyone().latency(LATENCY);
            Cycle cycle = cycle(many, manyIds, manyCalendars);
            String loadAtEnd = Files.readString(Path.of("/proc/loadavg")).trim();

            print(first, single, many.size(), manyCalendars, firstSyncs, retried, cycle, loadAtEnd);
        }

        // ---- 1. a calendar of EVENTS events

        private Account bigCalendar() {
            CalDavUser user = radicale.newUser();
            Map<String, String> bodies = new LinkedHashMap<>();
            for (int i = 0; i < EVENTS; i++) {
                bodies.put(uid("big", i) + ".ics", event(uid("big", i), eventStart(i), 0));
            }
            storage.createCalendar(user, "work", "Work", bodies);
            UUID accountId = connect("poll-user-big", user);
            return new Account("poll-user-big", user, accountId, List.of("work"));
        }

        /** The first sync, compared; how fast its slots reached Kafka; from configuration to done; event size. */
        record FirstSync(Compared compared, SlotRate slots, double fromConfiguration, long eventBytes) {
        }

        private FirstSync firstSync(Account big) throws Exception {
            icloud.everyone().latency(LATENCY);
            int mark = icloud.requests().size();
            CpuShares cpu = CpuShares.start(worker.pid(), radicale.pid());
            Instant configured = Instant.now();
            configure(big);
            PollSchedule.Poll poll = schedule.awaitSuccess(List.of(big.accountId()), 1, configured, Duration.ofMinutes(10));
            ProxyTraffic calsync = ProxyTraffic.since(icloud, mark, byWorker(big));
            List<ConsumerRecord<String, byte[]>> slots = awaitSlots(big.userId(), EVENTS, Duration.ofMinutes(5));
            Instant last = lastTimestamp(slots);
            CpuShares.Shares shares = cpu.stop(Math.max(0.001, Duration.between(configured, last).toMillis() / 1000.0));
            SlotRate rate = new SlotRate(slots.size(), firstTimestamp(slots), last, poll.claimed(), shares);
            Plain plainFirst = plainPoll(big);
            return new FirstSync(new Compared("first sync", calsync, poll.claimedSeconds(), plainFirst.traffic(),
                    plainFirst.seconds(), 0), rate, poll.seconds(), plainFirst.bodyBytes());
        }

        private Compared compare(String what, Account account, Step before, List<String> changed) throws Exception {
            before.run();
            int mark = icloud.requests().size();
            PollSchedule.Poll poll = schedule.pollOnce(account.accountId(), account.calendarIds().get(0), Duration.ofMinutes(5));
            ProxyTraffic calsync = ProxyTraffic.since(icloud, mark, byWorker(account));
            Plain plainPoll = plainPoll(account);
            long changedBodies = plainPoll.listed().stream()
                    .filter(e -> changed.stream().anyMatch(name -> e.url().getPath().endsWith("/" + name)))
                    .mapToLong(e -> e.icalendar().getBytes(java.nio.charset.StandardCharsets.UTF_8).length).sum();
            if (poll.failed() > 0) {
                System.out.printf(Locale.ROOT, "   (the poll with %s failed: %s)%n", what, poll.error());
            }
            return new Compared(what, calsync, poll.claimedSeconds(), plainPoll.traffic(), plainPoll.seconds(), changedBodies);
        }

        /** The resource names of the events the phone changes, spread over the calendar. */
        private static List<String> changedNames(int count) {
            return java.util.stream.IntStream.range(0, count).mapToObj(i -> uid("big", i * (EVENTS / count)) + ".ics").toList();
        }

        /** Edits events on the phone (directly on the server, not through the proxy): moved by half an hour. */
        private void changeEvents(Account account, List<String> names) {
            CalDavPhone phone = radicale.phoneOf(account.caldav());
            for (String name : names) {
                int index = java.util.stream.IntStream.range(0, EVENTS).filter(i -> (uid("big", i) + ".ics").equals(name))
                        .findFirst().orElseThrow();
                phone.putEvent("work", name, event(uid("big", index), eventStart(index).plus(30, ChronoUnit.MINUTES), 1));
            }
        }

        /** Books appointments for the calendar's user and waits until calsync has written each into it. */
        private void pushAppointments(Account account, int count) {
            Instant tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            List<String> ids = new ArrayList<>();
            List<AppointmentBooked> bookings = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String id = "poll-bench-appointment-" + i;
                Instant start = tomorrow.plus(7, ChronoUnit.HOURS).plus(i * 20L, ChronoUnit.MINUTES);
                ids.add(id);
                bookings.add(new AppointmentBooked(TENANT, account.userId(), id, 1, start, start.plus(15, ChronoUnit.MINUTES),
                        "Europe/Berlin", "Appointment " + i, "Booked through the benchmark", "Room 1"));
            }
            events.publishAll(bookings);
            Awaitility.await("appointments synced").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(100))
                    .until(() -> events.events(AppointmentSynced.class).stream().map(AppointmentSynced::appointmentId)
                            .filter(ids::contains).distinct().count() == count);
        }

        // ---- 2. many calendars

        /** Waits until every calendar has synced once, triggering failed first syncs again; answers how many. */
        private int awaitFirstSyncs(List<UUID> ids, int calendars) {
            java.util.concurrent.atomic.AtomicInteger retried = new java.util.concurrent.atomic.AtomicInteger();
            Awaitility.await("first syncs").atMost(Duration.ofMinutes(30)).pollInterval(Duration.ofSeconds(1)).until(() -> {
                retried.addAndGet(schedule.retryFailedFirstSyncs(ids));
                return schedule.syncedOnce(ids) >= calendars;
            });
            return retried.get();
        }

        private List<Account> manyCalendars() throws Exception {
            int accounts = (CALENDARS + CALENDARS_PER_ACCOUNT - 1) / CALENDARS_PER_ACCOUNT;
            ExecutorService setup = Executors.newFixedThreadPool(SETUP_THREADS);
            try {
                List<Future<Account>> created = new ArrayList<>();
                for (int a = 0; a < accounts; a++) {
                    int account = a;
                    int calendars = Math.min(CALENDARS_PER_ACCOUNT, CALENDARS - a * CALENDARS_PER_ACCOUNT);
                    created.add(setup.submit(() -> smallAccount(account, calendars)));
                }
                List<Account> result = new ArrayList<>();
                for (Future<Account> account : created) {
                    result.add(account.get());
                }
                return result;
            } finally {
                setup.shutdown();
            }
        }

        private Account smallAccount(int index, int calendars) {
            CalDavUser user = radicale.newUser();
            List<String> calendarIds = new ArrayList<>();
            for (int c = 0; c < calendars; c++) {
                String calendarId = "cal-" + c;
                Map<String, String> bodies = new LinkedHashMap<>();
                for (int e = 0; e < EVENTS_PER_CALENDAR; e++) {
                    String uid = uid("a" + index + "c" + c, e);
                    bodies.put(uid + ".ics", event(uid, eventStart(e * 7 + c), 0));
                }
                storage.createCalendar(user, calendarId, "Calendar " + c, bodies);
                calendarIds.add(calendarId);
            }
            String userId = "poll-user-" + index;
            Account account = new Account(userId, user, connect(userId, user), calendarIds);
            configure(account);
            return account;
        }

        /** Calendar data of this cycle: everything calsync and the plain client did, and the worker's resources. */
        record Cycle(PollSchedule.Poll poll, ProxyTraffic calsync, CpuShares.Shares cpu, double peakHeap, double heapMax,
                double liveAfterGc, double rssAfter, ProxyTraffic plain, double plainSeconds) {
        }

        private Cycle cycle(List<Account> many, List<UUID> ids, int calendars) throws Exception {
            int mark = icloud.requests().size();
            AtomicLong peakHeap = new AtomicLong();
            ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
            sampler.scheduleWithFixedDelay(() -> peakHeap.accumulateAndGet((long) worker.heapUsed(), Math::max),
                    0, 500, TimeUnit.MILLISECONDS);
            CpuShares cpu = CpuShares.start(worker.pid(), radicale.pid());
            Instant triggered = schedule.trigger(ids, null);
            PollSchedule.Poll poll = schedule.awaitSuccess(ids, calendars, triggered, Duration.ofMinutes(30));
            CpuShares.Shares shares = cpu.stop(Math.max(0.001, poll.seconds()));
            sampler.shutdown();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
            ProxyTraffic calsync = ProxyTraffic.since(icloud, mark, r -> !isPlain(r));
            double live = worker.heapAfterFullGc();

            // the plain client's cycle: every calendar listed once, as many at a time as the worker polls
            int threads = POLL_CONCURRENCY.isBlank() ? 4 : Integer.parseInt(POLL_CONCURRENCY);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            int plainMark = icloud.requests().size();
            long start = System.nanoTime();
            List<Future<?>> polls = new ArrayList<>();
            for (Account account : many) {
                for (String calendarId : account.calendarIds()) {
                    polls.add(pool.submit(() -> plain.eventsBetween(calendarUrl(account, calendarId), windowStart(),
                            windowEnd(), credentials(account))));
                }
            }
            for (Future<?> p : polls) {
                p.get();
            }
            double plainSeconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            ProxyTraffic plainTraffic = ProxyTraffic.since(icloud, plainMark, PollBenchmark::isPlain);
            return new Cycle(poll, calsync, shares, peakHeap.get(), worker.heapMax(), live, rssBytes(worker.pid()),
                    plainTraffic, plainSeconds);
        }

        // ---- helpers

        private UUID connect(String userId, CalDavUser user) {
            String base = "/v1/tenants/" + TENANT + "/users/" + userId;
            JsonHttp.Response answer = api.post(base + "/icloud-accounts",
                    Map.of("appleId", user.username(), "appSpecificPassword", user.password()));
            if (answer.status() / 100 != 2) {
                throw new IllegalStateException("connect " + userId + " answered " + answer.status() + ": " + answer.body());
            }
            return UUID.fromString(answer.json().get("accountId").asString());
        }

        private void configure(Account account) {
            String base = "/v1/tenants/" + TENANT + "/users/" + account.userId();
            List<Map<String, String>> conflicts = account.calendarIds().stream().skip(1)
                    .map(id -> Map.of("accountId", account.accountId().toString(), "calendarId", id)).toList();
            JsonHttp.Response answer = api.put(base + "/calendar-configuration", Map.of("primary",
                    Map.of("accountId", account.accountId().toString(), "calendarId", account.calendarIds().get(0)),
                    "conflicts", conflicts));
            if (answer.status() / 100 != 2) {
                throw new IllegalStateException("configure " + account.userId() + " answered " + answer.status() + ": "
                        + answer.body());
            }
        }

        /** The plain client's requests, or calsync's of this account. */
        private static Predicate<ICloudProxy.Request> byWorker(Account account) {
            return r -> account.caldav().username().equals(r.appleId()) && !isPlain(r);
        }

        /** One poll of the plain client: the calendar listed with every event's data. */
        private Plain plainPoll(Account account) {
            int mark = icloud.requests().size();
            long start = System.nanoTime();
            List<io.calsync.worker.caldav.RemoteEvent> listed = plain.eventsBetween(
                    calendarUrl(account, account.calendarIds().get(0)), windowStart(), windowEnd(), credentials(account));
            double seconds = (System.nanoTime() - start) / 1e9;
            long bodies = listed.stream().mapToLong(e -> e.icalendar().length()).sum();
            return new Plain(ProxyTraffic.since(icloud, mark, PollBenchmark::isPlain), seconds,
                    listed.isEmpty() ? 0 : bodies / listed.size(), listed);
        }

        private URI calendarUrl(Account account, String calendarId) {
            return URI.create(icloud.partitionUrl() + radicale.phoneOf(account.caldav()).calendarPath(calendarId)
                    .replace("@", "%40"));
        }

        private static AppleCredentials credentials(Account account) {
            return new AppleCredentials(account.caldav().username(), account.caldav().password());
        }

        private List<ConsumerRecord<String, byte[]>> awaitSlots(String userId, int count, Duration atMost) {
            return Awaitility.await("slots of " + userId).atMost(atMost).pollInterval(Duration.ofMillis(100))
                    .until(() -> events.received().stream()
                            .filter(r -> r.event() instanceof SlotBlocked s && s.userId().equals(userId))
                            .map(KafkaEvents.Received::record).toList(), slots -> slots.size() >= count);
        }

        private void print(FirstSync firstSync, List<Compared> single, int accounts, int calendars,
                PollSchedule.Poll firstSyncs, int retried, Cycle cycle, String loadAtEnd) {
            System.out.printf(Locale.ROOT, "%n1) one calendar of %d events (event bodies %d bytes on average: UTC times, "
                    + "title, location, Apple's usual properties), each figure: calsync | plain full-listing client%n",
                    EVENTS, firstSync.eventBytes());
            Compared first = firstSync.compared();
            row(first, String.format(Locale.ROOT, "<= 15 requests: %s", verdict(first.calsync().count() <= 15)));
            System.out.printf(Locale.ROOT, "      first sync from configuration to done %.1f s; calsync's requests: %s%n",
                    firstSync.fromConfiguration(), first.calsync().methods());
            SlotRate s = firstSync.slots();
            System.out.printf(Locale.ROOT, "   slots published: %d slot.blocked; first to last on Kafka %.2f s = %.0f slots/s; "
                    + "poll start to last %.2f s = %.0f slots/s; budget >= 2,000/s: %s first to last, %s from poll start; "
                    + "worker CPU %.1f s from configuration to the last slot%n", s.count(), s.firstToLast(),
                    s.count() / Math.max(0.001, s.firstToLast()), s.claimToLast(), s.count() / Math.max(0.001, s.claimToLast()),
                    verdict(s.count() / Math.max(0.001, s.firstToLast()) >= 2000),
                    verdict(s.count() / Math.max(0.001, s.claimToLast()) >= 2000), s.cpu().workerCpuSeconds());
            for (Compared c : single) {
                String budget = switch (c.what().substring(c.what().indexOf(' ') + 1)) {
                    case "changes" -> String.format(Locale.ROOT, "1 request and < 600 B: %s",
                            verdict(c.calsync().count() == 1 && c.calsync().wire() < 600 && c.calsync().decoded() < 600));
                    case "changed events" -> String.format(Locale.ROOT, "<= 3 requests and < 8 KB decoded: %s",
                            verdict(c.calsync().count() <= 3 && c.calsync().decoded() < 8000));
                    default -> String.format(Locale.ROOT, "<= 2 requests, no event body: %s (%d body REPORTs)",
                            verdict(c.calsync().count() <= 2 && c.calsync().reportsAfterFirst() == 0),
                            c.calsync().reportsAfterFirst());
                };
                row(c, budget);
                System.out.printf(Locale.ROOT, "      calsync's requests: %s%n", c.calsync().profile());
                if (c.changedBodies() > 0) {
                    System.out.printf(Locale.ROOT, "      of calsync's %s decoded, the changed events' own iCalendar data is "
                            + "%s; the rest (%s) is the sync-collection listing and the multiget's XML (hrefs, ETags)%n",
                            ProxyTraffic.bytes(c.calsync().decoded()), ProxyTraffic.bytes(c.changedBodies()),
                            ProxyTraffic.bytes(c.calsync().decoded() - c.changedBodies()));
                }
            }
            double perCalendar = cycle.calsync().count() / (double) calendars;
            System.out.printf(Locale.ROOT, "%n2) %d calendars of %d events (%d accounts, %d calendars each, all selected), "
                    + "one full cycle with no change%n", calendars, EVENTS_PER_CALENDAR, accounts, CALENDARS_PER_ACCOUNT);
            System.out.printf(Locale.ROOT, "   calsync: %.1f s from trigger to the last poll done (budget < 60 s: %s); %s "
                    + "(%.2f per calendar)%n", cycle.poll().seconds(), verdict(cycle.poll().seconds() < 60),
                    cycle.calsync().summary(), perCalendar);
            if (cycle.poll().failed() > 0) {
                System.out.printf(Locale.ROOT, "   %d of the polls failed (counted as done; e.g. %s)%n", cycle.poll().failed(),
                        cycle.poll().error());
            }
            System.out.printf(Locale.ROOT, "   plain full-listing client, same calendars, %s at a time: %.1f s; %s%n",
                    POLL_CONCURRENCY.isBlank() ? "4" : POLL_CONCURRENCY, cycle.plainSeconds(), cycle.plain().summary());
            System.out.printf(Locale.ROOT, "   worker heap: peak used %.0f MB (sampled every 0.5 s), after a full GC %.0f MB, "
                    + "max %.0f MB (budget < 256 MB: %s); RSS %.0f MB%n", cycle.peakHeap() / 1e6, cycle.liveAfterGc() / 1e6,
                    cycle.heapMax() / 1e6, verdict(cycle.peakHeap() < 256e6), cycle.rssAfter() / 1e6);
            CpuShares.Shares cpu = cycle.cpu();
            System.out.printf(Locale.ROOT, "   CPU in cores (of %d) during the cycle: worker %.2f (%.1f s, %.1f ms per "
                    + "calendar), CalDAV server %.2f, PostgreSQL %s, benchmark process (proxy, broker, clients) %.2f, "
                    + "machine %.2f%n", Runtime.getRuntime().availableProcessors(), cpu.worker(), cpu.workerCpuSeconds(),
                    1000 * cpu.workerCpuSeconds() / calendars, cpu.caldav(),
                    // backends that exit take their CPU time with them: a negative difference says only that
                    cpu.postgres() < 0 ? "n/a (backends exited)" : String.format(Locale.ROOT, "%.2f", cpu.postgres()),
                    cpu.benchmark(), cpu.machine());
            System.out.printf(Locale.ROOT, "   (setup: the first sync of all %d calendars, without added latency, took "
                    + "%.1f s from the first claim; %d failed first syncs triggered again)%n", calendars,
                    firstSyncs.claimedSeconds(), retried);
            System.out.printf(Locale.ROOT, "%n   load average at end (1, 5, 15 min): %s; worker log %s%n",
                    loadAverage(loadAtEnd), worker.log());
        }

        private static void row(Compared c, String budget) {
            System.out.printf(Locale.ROOT, "   %-18s calsync %s, %.2f s | plain %s, %.2f s | budget %s%n", c.what() + ":",
                    c.calsync().summary(), c.calsyncSeconds(), c.plain().summary(), c.plainSeconds(), budget);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    /** The plain client's poll, and the average size of the event bodies it downloaded. */
    private record Plain(ProxyTraffic traffic, double seconds, long bodyBytes,
            List<io.calsync.worker.caldav.RemoteEvent> listed) {
    }

    /** How fast the first sync's slots reached Kafka. */
    private record SlotRate(int count, Instant first, Instant last, Instant claimed, CpuShares.Shares cpu) {
        double firstToLast() {
            return Duration.between(first, last).toMillis() / 1000.0;
        }

        double claimToLast() {
            return Duration.between(claimed, last).toMillis() / 1000.0;
        }
    }

    static boolean isPlain(ICloudProxy.Request request) {
        return request.userAgent() != null && request.userAgent().contains(PLAIN);
    }

    private static String verdict(boolean met) {
        return met ? "met" : "MISSED";
    }

    private static String loadAverage(String loadavg) {
        String[] parts = loadavg.split("\\s+");
        return parts[0] + ", " + parts[1] + ", " + parts[2];
    }

    private static double rssBytes(long pid) {
        try {
            return Files.readAllLines(Path.of("/proc/" + pid + "/status")).stream().filter(l -> l.startsWith("VmRSS:"))
                    .mapToDouble(l -> Double.parseDouble(l.replaceAll("[^0-9]", "")) * 1024).findFirst().orElse(Double.NaN);
        } catch (java.io.IOException gone) {
            return Double.NaN;
        }
    }

    private static Instant firstTimestamp(List<ConsumerRecord<String, byte[]>> records) {
        return Instant.ofEpochMilli(records.stream().mapToLong(ConsumerRecord::timestamp).min().orElseThrow());
    }

    private static Instant lastTimestamp(List<ConsumerRecord<String, byte[]>> records) {
        return Instant.ofEpochMilli(records.stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow());
    }

    static Instant windowStart() {
        return LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().minus(30, ChronoUnit.DAYS);
    }

    static Instant windowEnd() {
        return LocalDate.now(ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant().plus(180, ChronoUnit.DAYS);
    }

    /** Six events a day from tomorrow on, an hour each, 90 minutes apart: 1,000 fit in the sync window. */
    static Instant eventStart(int index) {
        return LocalDate.now(ZoneOffset.UTC).plusDays(1 + index / 6).atStartOfDay(ZoneOffset.UTC).toInstant()
                .plus(8, ChronoUnit.HOURS).plus((index % 6) * 90L, ChronoUnit.MINUTES);
    }

    static String uid(String prefix, int index) {
        return UUID.nameUUIDFromBytes((prefix + "-" + index).getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .toString().toUpperCase(Locale.ROOT);
    }

    /** An event shaped like one the Calendar app writes to iCloud (without VTIMEZONE: UTC times). */
    static String event(String uid, Instant start, int sequence) {
        String stamp = ICAL_UTC.format(Instant.parse("2026-01-02T09:15:00Z").plusSeconds(sequence * 3600L));
        return String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Apple Inc.//iPhone OS 18.1//EN",
                "CALSCALE:GREGORIAN", "BEGIN:VEVENT", "CREATED:20260102T091500Z", "DTEND:" + ICAL_UTC.format(start.plus(1,
                        ChronoUnit.HOURS)), "DTSTAMP:" + stamp, "DTSTART:" + ICAL_UTC.format(start),
                "LAST-MODIFIED:" + stamp, "LOCATION:Meeting room " + (Math.abs(uid.hashCode()) % 40),
                "SEQUENCE:" + sequence, "SUMMARY:Project review " + uid.substring(0, 8) + (sequence > 0 ? " (moved)" : ""),
                "TRANSP:OPAQUE", "UID:" + uid, "X-APPLE-TRAVEL-ADVISORY-BEHAVIOR:AUTOMATIC", "END:VEVENT",
                "END:VCALENDAR", "");
    }
}
