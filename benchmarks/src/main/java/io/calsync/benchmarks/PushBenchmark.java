package io.calsync.benchmarks;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentSyncEvent;
import io.calsync.contracts.AppointmentSyncFailed;
import io.calsync.contracts.AppointmentSynced;
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
import io.calsync.worker.ical.AppointmentCalendar;
import io.calsync.worker.domain.Appointment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

/**
 * The push path under load: appointments published to Kafka until iCloud (Radicale behind the iCloud proxy,
 * adding 50 ms to every request) holds them and {@code appointment.synced} is published. After an unmeasured
 * warm-up on accounts of its own (the worker's JIT), runs {@code rounds} rounds of:
 * <ol>
 *   <li>2,000 bookings pushed as fast as the worker can: throughput, booked→synced latency, CalDAV requests per
 *       appointment, the worker's heap and CPU (the worker runs in its own process);
 *   <li>the raw capacity of the same CalDAV server behind the same proxy: a plain concurrent PUT loop at the same
 *       concurrency on calendars of the same size, and the pipeline's share of it (budget: at least 90 %);
 * </ol>
 * Odd rounds run the pipeline first, even rounds the raw loop first, so that what drifts from one burst to the next
 * favours neither side. Each round prints where the pipeline's time went (to the first request, the requests and
 * how many were in flight, the last outcome relayed). Then booked→synced latency at a steady 20 bookings per second (budget: p95 under 1 s).
 */
public final class PushBenchmark {

    static final int APPOINTMENTS = Integer.getInteger("appointments", 2000);
    static final int ACCOUNTS = Integer.getInteger("accounts", 50);
    static final int CONCURRENCY = Integer.getInteger("concurrency", 8);
    static final Duration LATENCY = Duration.ofMillis(Long.getLong("latencyMs", 50));
    static final int ROUNDS = Integer.getInteger("rounds", 5);
    static final int WARMUP_BURSTS = Integer.getInteger("warmupBursts", 3);
    static final int STEADY_RATE = Integer.getInteger("steadyRate", 20);
    static final Duration STEADY_FOR = Duration.ofSeconds(Long.getLong("steadySeconds", 30));

    private PushBenchmark() {
    }

    record User(String userId, CalDavUser caldav, CalDavPhone phone) {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("calsync-bench-");
        try (KafkaBroker kafka = KafkaBroker.start(home.resolve("kafka"));
                PostgresServer postgres = PostgresServer.localOrEmbedded("127.0.0.1", 5432, home.resolve("pg"), false);
                Radicale radicale = Radicale.start();
                ICloudProxy icloud = ICloudProxy.start(radicale)) {
            String database = "calsync_bench_" + UUID.randomUUID().toString().substring(0, 8);
            postgres.createDatabaseIfMissing(database);
            WorkerProcess workerProcess = WorkerProcess.start(kafka, postgres, database, icloud,
                    "--calsync.push.concurrency=" + CONCURRENCY);
            Process worker = workerProcess.process();
            int port = workerProcess.port();
            try (KafkaEvents events = new KafkaEvents(kafka.bootstrapServers(), Topics.APPOINTMENT_SYNC)) {
                JsonHttp api = new JsonHttp("http://127.0.0.1:" + port).with("Authorization",
                        TestTokens.bearer(TestTokens.forTenant("bench")));
                List<User> users = users(radicale, api, ACCOUNTS, "bench");
                icloud.everyone().latency(LATENCY);
                System.out.printf(Locale.ROOT, "%ncalsync push benchmark: %d appointments, %d accounts, push concurrency %d, "
                        + "proxy latency %d ms per request%n", APPOINTMENTS, ACCOUNTS, CONCURRENCY, LATENCY.toMillis());
                System.out.printf(Locale.ROOT, "(each account is rate-limited to 4 requests/s, so the pipeline can never "
                        + "exceed %d requests/s here)%n", ACCOUNTS * 4);
                System.out.printf(Locale.ROOT, "   (%d cores; %s)%n", Runtime.getRuntime().availableProcessors(),
                        "the CalDAV server, PostgreSQL, the Kafka broker, the proxy and the worker all share them");

                // 0. warm-up, not measured, on accounts of its own (so the measured calendars start empty on both
                // sides): the worker's JIT compiler needs a few bursts before the worker runs compiled code, and
                // while it compiles it takes CPU from everything else on this machine
                List<User> warmUsers = users(radicale, api, ACCOUNTS, "warm");
                for (int w = 1; w <= WARMUP_BURSTS; w++) {
                    CpuShares cpu = CpuShares.start(worker.pid(), radicale.pid());
                    Burst burst = pushBurst(events, warmUsers, "warm" + w + "-", APPOINTMENTS);
                    CpuShares.Shares shares = cpu.stop(burst.seconds());
                    double raw = rawPutLoop(icloud, warmUsers, APPOINTMENTS, CONCURRENCY, "warm" + w + "-");
                    System.out.printf(Locale.ROOT, "   (warm-up %d: pipeline %.1f appointments/s, worker CPU %.1f ms per appointment; "
                            + "raw loop %.1f PUT/s)%n", w, burst.rate(), 1000 * shares.workerCpuSeconds() / APPOINTMENTS, raw);
                }

                // 1 and 2: rounds of a pipeline burst, then the raw loop on calendars of the same size; each round's
                // pipeline rate is compared with its own raw rate, and the median of the rounds is the figure
                List<Round> rounds = new ArrayList<>();
                List<Long> burstLatencies = new ArrayList<>();
                int requests = 0;
                for (int r = 1; r <= ROUNDS; r++) {
                    // odd rounds run the pipeline first, even rounds the raw loop first: whatever drifts from one
                    // burst to the next (the server's storage, the broker's log, the database) favours neither
                    boolean rawFirst = r % 2 == 0;
                    Measured raw = null;
                    if (rawFirst) {
                        raw = measureRawLoop(icloud, worker, radicale, users, "raw" + r + "-");
                    }
                    int requestsBefore = icloud.requests().size();
                    CpuShares pipelineCpu = CpuShares.start(worker.pid(), radicale.pid());
                    Burst burst = pushBurst(events, users, "burst" + r + "-", APPOINTMENTS);
                    CpuShares.Shares pipelineShares = pipelineCpu.stop(burst.seconds());
                    List<ICloudProxy.Request> pipelineRequests = List.copyOf(
                            icloud.requests().subList(requestsBefore, icloud.requests().size()));
                    requests += pipelineRequests.size();
                    burstLatencies.addAll(latencies(events, burst.synced()));
                    if (!rawFirst) {
                        raw = measureRawLoop(icloud, worker, radicale, users, "raw" + r + "-");
                    }
                    Round round = new Round(burst, raw.rate(), pipelineRequests, raw.requests(), pipelineShares,
                            raw.cpu(), rawFirst);
                    rounds.add(round);
                    System.out.printf(Locale.ROOT, "   round %d (%s first): pipeline %.1f appointments/s (%.1f s), raw loop %.1f "
                            + "PUT/s -> %.0f %%%n", r, rawFirst ? "raw loop" : "pipeline", round.pipelineRate(),
                            burst.seconds(), round.rawRate(), 100 * round.share());
                }
                burstLatencies.sort(Long::compare);
                JsonHttp operator = new JsonHttp("http://127.0.0.1:" + port).with("Authorization",
                        TestTokens.bearer(TestTokens.operator()));
                String heap = operator.get("/actuator/metrics/jvm.memory.used?tag=area:heap").json().get("measurements").get(0)
                        .get("value").asString();
                String heapMax = operator.get("/actuator/metrics/jvm.memory.max?tag=area:heap").json().get("measurements").get(0)
                        .get("value").asString();

                // 3. steady load
                List<Long> steady = steadyRun(events, users, STEADY_RATE, STEADY_FOR);

                List<Round> byShare = rounds.stream().sorted(Comparator.comparingDouble(Round::share)).toList();
                Round median = byShare.get(byShare.size() / 2);
                System.out.printf(Locale.ROOT, "%n1) %d rounds of %d bookings pushed end to end: %s appointments/s%n", ROUNDS,
                        APPOINTMENTS, rounds.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.pipelineRate())).toList());
                System.out.printf(Locale.ROOT, "   booked->synced latency under that load (all rounds): p50 %d ms, p95 %d ms, p99 %d ms%n",
                        percentile(burstLatencies, 50), percentile(burstLatencies, 95), percentile(burstLatencies, 99));
                System.out.printf(Locale.ROOT, "   CalDAV requests: %d for %d appointments (%.2f per appointment change)%n",
                        requests, ROUNDS * APPOINTMENTS, requests / (double) (ROUNDS * APPOINTMENTS));
                printOutcomes(events);
                System.out.printf(Locale.ROOT, "   worker process: heap used %.0f MB of %.0f MB max; CPU %s cores on average per round%n",
                        Double.parseDouble(heap) / 1e6, Double.parseDouble(heapMax) / 1e6,
                        rounds.stream().map(r -> String.format(Locale.ROOT, "%.2f", r.pipelineCpu().worker())).toList());
                System.out.printf(Locale.ROOT, "2) raw PUT loop (calsync's own iCalendar bodies), %d threads, same proxy and server: %s PUT/s%n",
                        CONCURRENCY, rounds.stream().map(r -> String.format(Locale.ROOT, "%.1f", r.rawRate())).toList());
                System.out.printf(Locale.ROOT, "   pipeline's share of the raw rate per round: %s -> median %.0f %% (budget >= 90 %%)%n",
                        rounds.stream().map(r -> String.format(Locale.ROOT, "%.0f %%", 100 * r.share())).toList(), 100 * median.share());
                CpuShares.Shares p = median.pipelineCpu();
                CpuShares.Shares w = median.rawCpu();
                System.out.printf(Locale.ROOT, "   median round, CPU in cores (of %d), pipeline | raw loop: CalDAV server %.2f | %.2f, worker %.2f | %.2f, "
                        + "PostgreSQL %.2f | %.2f, benchmark process (proxy, Kafka broker, clients) %.2f | %.2f, machine %.2f | %.2f%n",
                        Runtime.getRuntime().availableProcessors(), p.caldav(), w.caldav(), p.worker(), w.worker(),
                        p.postgres(), w.postgres(), p.benchmark(), w.benchmark(), p.machine(), w.machine());
                System.out.printf(Locale.ROOT, "   median round: the CalDAV server answered in %.0f ms on average during the pipeline, "
                        + "%.0f ms during the raw loop (plus the proxy's %d ms)%n", upstreamMillis(median.pipelineRequests()),
                        upstreamMillis(median.rawRequests()), LATENCY.toMillis());
                System.out.printf(Locale.ROOT, "   where each round's pipeline time went: %n");
                for (int r = 0; r < rounds.size(); r++) {
                    Round round = rounds.get(r);
                    System.out.printf(Locale.ROOT, "     round %d: %s; raw loop %.1f in flight%n", r + 1,
                            timeline(round.burst(), round.pipelineRequests()), inFlight(round.rawRequests()));
                }
                System.out.printf(Locale.ROOT, "3) steady %d bookings/s for %d s: booked->synced p50 %d ms, p95 %d ms, "
                        + "p99 %d ms (budget p95 < 1000 ms)%n", STEADY_RATE, STEADY_FOR.toSeconds(), percentile(steady, 50),
                        percentile(steady, 95), percentile(steady, 99));
            } finally {
                workerProcess.close();
                postgres.dropDatabase(database);
            }
        }
    }

    private static List<User> users(Radicale radicale, JsonHttp api, int count, String prefix) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CalDavUser caldav = radicale.newUser();
            CalDavPhone phone = radicale.phoneOf(caldav);
            phone.createCalendar("work", "Work", "VEVENT");
            phone.createCalendar("raw", "Raw", "VEVENT");
            String userId = prefix + "-user-" + i;
            String base = "/v1/tenants/bench/users/" + userId;
            String accountId = api.post(base + "/icloud-accounts",
                    Map.of("appleId", caldav.username(), "appSpecificPassword", caldav.password())).json().get("accountId").asString();
            api.put(base + "/calendar-configuration", Map.of("primary", Map.of("accountId", accountId, "calendarId", "work"),
                    "conflicts", List.of()));
            users.add(new User(userId, caldav, phone));
        }
        return users;
    }

    private static AppointmentBooked booking(User user, String id, int slot) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS).plus(slot * 15L, ChronoUnit.MINUTES);
        return new AppointmentBooked("bench", user.userId(), id, 1, start, start.plus(15, ChronoUnit.MINUTES),
                "Europe/Berlin", "Appointment " + id, "Booked through the benchmark", "Room 1");
    }

    /** The raw loop of one round: its rate, the requests it made and the CPU each process used meanwhile. */
    record Measured(double rate, List<ICloudProxy.Request> requests, CpuShares.Shares cpu) {
    }

    private static Measured measureRawLoop(ICloudProxy icloud, Process worker, Radicale radicale, List<User> users,
            String prefix) throws Exception {
        CpuShares cpu = CpuShares.start(worker.pid(), radicale.pid());
        int before = icloud.requests().size();
        long start = System.nanoTime();
        double rate = rawPutLoop(icloud, users, APPOINTMENTS, CONCURRENCY, prefix);
        CpuShares.Shares shares = cpu.stop((System.nanoTime() - start) / 1e9);
        return new Measured(rate, List.copyOf(icloud.requests().subList(before, icloud.requests().size())), shares);
    }

    /** One round: a pipeline burst and the raw loop beside it, on calendars of the same size. */
    record Round(Burst burst, double rawRate, List<ICloudProxy.Request> pipelineRequests,
            List<ICloudProxy.Request> rawRequests, CpuShares.Shares pipelineCpu, CpuShares.Shares rawCpu, boolean rawFirst) {

        double pipelineRate() {
            return burst.rate();
        }

        double share() {
            return pipelineRate() / rawRate;
        }
    }

    /**
     * Where a burst's time went: from the first record published to the first request reaching the proxy (the
     * records consumed and stored, the first claim), the requests themselves (and how many were in flight on
     * average meanwhile), and from the last answer to the last {@code appointment.synced} on Kafka (the last
     * outcome recorded and relayed).
     */
    private static String timeline(Burst burst, List<ICloudProxy.Request> requests) {
        Instant first = first(requests);
        Instant last = last(requests);
        return String.format(Locale.ROOT, "%.2f s to the first request, %.1f s of requests with %.1f in flight on average, "
                + "%.2f s from the last answer to the last synced event", Duration.between(burst.start(), first).toMillis() / 1000.0,
                Duration.between(first, last).toMillis() / 1000.0, inFlight(requests),
                Duration.between(last, burst.end()).toMillis() / 1000.0);
    }

    private static Instant first(List<ICloudProxy.Request> requests) {
        return requests.stream().map(ICloudProxy.Request::arrived).min(Comparator.naturalOrder()).orElseThrow();
    }

    private static Instant last(List<ICloudProxy.Request> requests) {
        return requests.stream().map(ICloudProxy.Request::answered).max(Comparator.naturalOrder()).orElseThrow();
    }

    /** Requests at the proxy at once, on average from the first arrival to the last answer. */
    private static double inFlight(List<ICloudProxy.Request> requests) {
        Instant first = first(requests);
        Instant last = last(requests);
        double busy = requests.stream().mapToLong(r -> Duration.between(r.arrived(), r.answered()).toMillis()).sum();
        return busy / Math.max(1, Duration.between(first, last).toMillis());
    }

    private static double upstreamMillis(List<ICloudProxy.Request> requests) {
        return requests.stream().mapToLong(ICloudProxy.Request::upstreamMillis).average().orElse(0);
    }

    /** The outcome of a burst: how long until the last {@code appointment.synced}, and each appointment's record. */
    record Burst(Instant start, Instant end, Map<String, ConsumerRecord<String, byte[]>> synced) {
        double seconds() {
            return Duration.between(start, end).toMillis() / 1000.0;
        }

        double rate() {
            return synced.size() / seconds();
        }
    }

    /** Publishes {@code count} bookings at once and waits until each is synced. */
    private static Burst pushBurst(KafkaEvents events, List<User> users, String prefix, int count) {
        Instant start = Instant.now();
        List<String> ids = new ArrayList<>();
        List<AppointmentBooked> bookings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String id = prefix + i;
            ids.add(id);
            bookings.add(booking(users.get(i % users.size()), id, i));
        }
        events.publishAll(bookings);
        Map<String, ConsumerRecord<String, byte[]>> synced = awaitSynced(events, ids, Duration.ofMinutes(10));
        Instant end = Instant.ofEpochMilli(synced.values().stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow());
        return new Burst(start, end, synced);
    }

    private static Map<String, ConsumerRecord<String, byte[]>> awaitSynced(KafkaEvents events, List<String> ids, Duration atMost) {
        Map<String, ConsumerRecord<String, byte[]>> synced = new HashMap<>();
        Awaitility.await("synced").atMost(atMost).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (KafkaEvents.Received received : events.received()) {
                if (received.event() instanceof AppointmentSynced s) {
                    synced.putIfAbsent(s.appointmentId(), received.record());
                }
            }
            return synced.keySet().containsAll(ids);
        });
        synced.keySet().retainAll(ids);
        return synced;
    }

    /**
     * Outcome events on {@code calsync.appointment-sync} per appointment over the whole run (warm-up and steady load
     * included): each appointment is booked once, so one is exact; more are re-sends (the same id) or a failure before
     * the success (another id), broken down by what they said.
     */
    private static void printOutcomes(KafkaEvents events) {
        Map<String, List<String>> perAppointment = new HashMap<>();
        Set<String> ids = new HashSet<>();
        for (KafkaEvents.Received received : events.received()) {
            if (received.event() instanceof AppointmentSyncEvent outcome) {
                perAppointment.computeIfAbsent(outcome.appointmentId(), k -> new ArrayList<>()).add(describe(outcome));
                ids.add(new String(received.record().headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
            }
        }
        int outcomes = perAppointment.values().stream().mapToInt(List::size).sum();
        List<List<String>> more = perAppointment.values().stream().filter(list -> list.size() > 1).toList();
        System.out.printf(Locale.ROOT, "   outcome events delivered: %d for %d appointments (%.3f per appointment), %d distinct"
                + " CloudEvents ids; %d appointments with more than one%n", outcomes, perAppointment.size(),
                outcomes / (double) Math.max(1, perAppointment.size()), ids.size(), more.size());
        more.stream().collect(Collectors.groupingBy(list -> String.join(" -> ", list), TreeMap::new,
                Collectors.counting())).forEach((sequence, count) ->
                        System.out.printf(Locale.ROOT, "     %d x %s%n", count, sequence));
    }

    private static String describe(AppointmentSyncEvent outcome) {
        if (outcome instanceof AppointmentSyncFailed failed) {
            String detail = failed.detail() == null ? "" : failed.detail().replaceAll("https?://\\S+", "<url>");
            return "sync-failed " + failed.reason() + " (" + detail.substring(0, Math.min(80, detail.length())) + ")";
        }
        if (outcome instanceof AppointmentSynced synced) {
            return "synced " + synced.action();
        }
        return outcome.type().ceType().replaceFirst("^io\\.calsync\\.appointment\\.", "");
    }

    /** booked→synced per appointment: the synced record's timestamp minus the booked record's, same machine clock. */
    private static List<Long> latencies(KafkaEvents events, Map<String, ConsumerRecord<String, byte[]>> synced) {
        List<Long> latencies = new ArrayList<>();
        synced.forEach((id, record) -> latencies.add(record.timestamp() - events.publishedAt(id)));
        latencies.sort(Long::compare);
        return latencies;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double rawPutLoop(ICloudProxy icloud, List<User> users, int count, int threads, String prefix)
            throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(threads);
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            pool.submit(() -> {
                try {
                    for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                        User user = users.get(i % users.size());
                        String uid = prefix + i;
                        // exactly what calsync writes for an appointment, so both loops ask the same of the server
                        String body = AppointmentCalendar.toICalendar(Appointment.of(booking(user, uid, i)),
                                Instant.now());
                        HttpRequest put = HttpRequest.newBuilder(URI.create(icloud.partitionUrl()
                                        + user.phone().calendarPath("raw").replace("@", "%40") + uid + ".ics"))
                                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                        (user.caldav().username() + ":" + user.caldav().password()).getBytes(StandardCharsets.UTF_8)))
                                .header("If-None-Match", "*").header("Content-Type", "text/calendar; charset=utf-8")
                                .PUT(HttpRequest.BodyPublishers.ofString(body)).build();
                        if (send(http, put) != 201) {
                            failed.incrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        done.await();
        double seconds = (System.nanoTime() - start) / 1e9;
        pool.shutdown();
        if (failed.get() > 0) {
            System.out.println("   (raw loop: " + failed.get() + " PUTs failed)");
        }
        return count / seconds;
    }

    private static int send(HttpClient http, HttpRequest request) {
        for (int attempt = 0; ; attempt++) {
            try {
                return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException staleConnection) {
                if (attempt > 0) {
                    return -1;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
    }

    private static List<Long> steadyRun(KafkaEvents events, List<User> users, int perSecond, Duration duration) {
        int total = (int) (perSecond * duration.toSeconds());
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            ids.add("steady-" + i);
        }
        ScheduledExecutorService producer = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger sent = new AtomicInteger();
        producer.scheduleAtFixedRate(() -> {
            int i = sent.getAndIncrement();
            if (i < total) {
                events.publish(booking(users.get(i % users.size()), ids.get(i), APPOINTMENTS + i));
            }
        }, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
        Map<String, ConsumerRecord<String, byte[]>> synced = awaitSynced(events, ids, duration.plusMinutes(5));
        producer.shutdown();
        return latencies(events, synced);
    }
}
