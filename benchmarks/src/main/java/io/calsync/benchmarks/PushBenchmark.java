package io.calsync.benchmarks;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.Topics;
import io.calsync.infra.FreePorts;
import io.calsync.infra.KafkaBroker;
import io.calsync.infra.PostgresServer;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.Radicale;
import io.calsync.testsupport.TestTokens;
import io.calsync.worker.SyncWorkerApplication;
import io.calsync.worker.ical.AppointmentCalendar;
import io.calsync.worker.push.Appointment;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

/**
 * The push path under load: appointments published to Kafka until iCloud (Radicale behind the iCloud proxy,
 * adding 50 ms to every request) holds them and {@code appointment.synced} is published. Prints:
 * <ol>
 *   <li>throughput of 2,000 bookings pushed as fast as the worker can, p50/p95/p99 booked→synced latency, CalDAV
 *       requests per appointment, and the worker's heap and CPU (the worker runs in its own process);
 *   <li>the raw capacity of the same CalDAV server behind the same proxy: a plain concurrent PUT loop at the same
 *       concurrency, and the pipeline's share of it (budget: at least 80 %);
 *   <li>booked→synced latency at a steady 20 bookings per second (budget: p95 under 1 s).
 * </ol>
 */
public final class PushBenchmark {

    static final int APPOINTMENTS = Integer.getInteger("appointments", 2000);
    static final int ACCOUNTS = Integer.getInteger("accounts", 50);
    static final int CONCURRENCY = Integer.getInteger("concurrency", 8);
    static final Duration LATENCY = Duration.ofMillis(Long.getLong("latencyMs", 50));
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
            int port = FreePorts.next();
            Process worker = startWorker(kafka, postgres, database, icloud, port);
            try (KafkaEvents events = new KafkaEvents(kafka.bootstrapServers(), Topics.APPOINTMENT_SYNC)) {
                JsonHttp api = new JsonHttp("http://127.0.0.1:" + port).with("Authorization",
                        TestTokens.bearer(TestTokens.forTenant("bench")));
                List<User> users = users(radicale, api, ACCOUNTS);
                icloud.everyone().latency(LATENCY);
                System.out.printf(Locale.ROOT, "%ncalsync push benchmark: %d appointments, %d accounts, push concurrency %d, "
                        + "proxy latency %d ms per request%n", APPOINTMENTS, ACCOUNTS, CONCURRENCY, LATENCY.toMillis());
                System.out.printf(Locale.ROOT, "(each account is rate-limited to 4 requests/s, so the pipeline can never "
                        + "exceed %d requests/s here)%n", ACCOUNTS * 4);

                // 0. the raw loop once before the pipeline too, so neither side profits from a warmed-up server
                        double rawBefore = rawPutLoop(icloud, users, APPOINTMENTS, CONCURRENCY, "warm-");
                System.out.printf(Locale.ROOT, "   (raw PUT loop before the pipeline: %.1f PUT/s)%n", rawBefore);

                // 1. throughput
                int requestsBefore = icloud.requests().size();
                long cpuBefore = cpuTicks(worker.pid());
                long radicaleBefore = cpuTicks(radicale.pid());
                long[] machineBefore = machineTicks();
                Instant start = Instant.now();
                List<String> burst = new ArrayList<>();
                List<AppointmentBooked> bookings = new ArrayList<>();
                for (int i = 0; i < APPOINTMENTS; i++) {
                    User user = users.get(i % users.size());
                    String id = "burst-" + i;
                    burst.add(id);
                    bookings.add(booking(user, id, i));
                }
                events.publishAll(bookings);
                System.out.printf(Locale.ROOT, "   (published %d bookings in %.1f s)%n", APPOINTMENTS,
                        Duration.between(start, Instant.now()).toMillis() / 1000.0);
                Map<String, ConsumerRecord<String, byte[]>> synced = awaitSynced(events, burst, Duration.ofMinutes(10));
                Instant end = Instant.ofEpochMilli(synced.values().stream().mapToLong(ConsumerRecord::timestamp).max().orElseThrow());
                double seconds = Duration.between(start, end).toMillis() / 1000.0;
                double pipelineRate = APPOINTMENTS / seconds;
                long cpuTicks = cpuTicks(worker.pid()) - cpuBefore;
                double radicaleCores = (cpuTicks(radicale.pid()) - radicaleBefore) / 100.0 / seconds;
                double machineBusy = busyShare(machineBefore, machineTicks());
                List<ICloudProxy.Request> pipelineRequests = icloud.requests().subList(requestsBefore, icloud.requests().size());
                int requests = pipelineRequests.size();
                double pipelineUpstream = pipelineRequests.stream().mapToLong(ICloudProxy.Request::upstreamMillis).average().orElse(0);
                List<Long> burstLatencies = latencies(events, synced);
                String heap = api.get("/actuator/metrics/jvm.memory.used?tag=area:heap").json().get("measurements").get(0)
                        .get("value").asString();
                String heapMax = api.get("/actuator/metrics/jvm.memory.max?tag=area:heap").json().get("measurements").get(0)
                        .get("value").asString();

                // 2. raw capacity of the same CalDAV server behind the same proxy, same concurrency
                long rawRadicaleBefore = cpuTicks(radicale.pid());
                long[] rawMachineBefore = machineTicks();
                int rawRequestsBefore = icloud.requests().size();
                long rawStart = System.nanoTime();
                double rawRate = rawPutLoop(icloud, users, APPOINTMENTS, CONCURRENCY, "raw-");
                double rawSeconds = (System.nanoTime() - rawStart) / 1e9;
                double rawRadicaleCores = (cpuTicks(radicale.pid()) - rawRadicaleBefore) / 100.0 / rawSeconds;
                double rawMachineBusy = busyShare(rawMachineBefore, machineTicks());
                double rawUpstream = icloud.requests().subList(rawRequestsBefore, icloud.requests().size()).stream()
                        .mapToLong(ICloudProxy.Request::upstreamMillis).average().orElse(0);

                // 3. steady load
                List<Long> steady = steadyRun(events, users, STEADY_RATE, STEADY_FOR);

                System.out.printf(Locale.ROOT, "%n1) %d bookings pushed end to end in %.1f s: %.1f appointments/s%n",
                        APPOINTMENTS, seconds, pipelineRate);
                System.out.printf(Locale.ROOT, "   booked->synced latency under that load: p50 %d ms, p95 %d ms, p99 %d ms%n",
                        percentile(burstLatencies, 50), percentile(burstLatencies, 95), percentile(burstLatencies, 99));
                System.out.printf(Locale.ROOT, "   CalDAV requests: %d for %d appointments (%.2f per appointment change)%n",
                        requests, APPOINTMENTS, requests / (double) APPOINTMENTS);
                System.out.printf(Locale.ROOT, "   worker process: heap used %.0f MB of %.0f MB max; CPU %.2f cores on average "
                        + "(%.1f s CPU over %.1f s)%n", Double.parseDouble(heap) / 1e6, Double.parseDouble(heapMax) / 1e6,
                        cpuTicks / 100.0 / seconds, cpuTicks / 100.0, seconds);
                System.out.printf(Locale.ROOT, "2) raw PUT loop (calsync's own iCalendar bodies), %d threads, same proxy and server: %.1f PUT/s -> pipeline "
                        + "reaches %.0f %% of it (budget >= 80 %%)%n", CONCURRENCY, rawRate, 100 * pipelineRate / rawRate);
                System.out.printf(Locale.ROOT, "   CPU: the CalDAV server used %.2f cores during the pipeline run and %.2f during the "
                        + "raw loop; the machine (%d cores) was %.0f %% and %.0f %% busy%n", radicaleCores, rawRadicaleCores,
                        Runtime.getRuntime().availableProcessors(), 100 * machineBusy, 100 * rawMachineBusy);
                System.out.printf(Locale.ROOT, "   the CalDAV server answered a request in %.0f ms on average during the pipeline run, "
                        + "%.0f ms during the raw loop (plus the proxy's %d ms)%n", pipelineUpstream, rawUpstream, LATENCY.toMillis());
                System.out.printf(Locale.ROOT, "3) steady %d bookings/s for %d s: booked->synced p50 %d ms, p95 %d ms, "
                        + "p99 %d ms (budget p95 < 1000 ms)%n", STEADY_RATE, STEADY_FOR.toSeconds(), percentile(steady, 50),
                        percentile(steady, 95), percentile(steady, 99));
            } finally {
                worker.destroy();
                worker.waitFor(30, TimeUnit.SECONDS);
                postgres.dropDatabase(database);
            }
        }
    }

    private static Process startWorker(KafkaBroker kafka, PostgresServer postgres, String database, ICloudProxy icloud,
            int port) throws IOException {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        List<String> command = new ArrayList<>();
        String workerCpus = System.getProperty("calsync.worker.cpus");
        if (workerCpus != null) {
            command.addAll(List.of("taskset", "-c", workerCpus));
        }
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-cp", System.getProperty("java.class.path"), SyncWorkerApplication.class.getName(),
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "--calsync.caldav.root-url=" + icloud.rootUrl(),
                "--calsync.caldav.insecure-hosts=" + icloud.hostPorts(),
                "--calsync.push.concurrency=" + CONCURRENCY,
                "--calsync.poll.interval=1h",
                "--logging.level.root=WARN"));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(Files.createTempFile("calsync-bench-worker-", ".log").toFile());
        builder.environment().put("CALSYNC_VAULT_CURRENTKEYID", "bench");
        builder.environment().put("CALSYNC_VAULT_KEYS_BENCH", Base64.getEncoder().encodeToString(key));
        Process process = builder.start();
        JsonHttp health = new JsonHttp("http://127.0.0.1:" + port);
        Awaitility.await("worker up").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() -> {
            try {
                return health.get("/actuator/health/readiness").status() == 200;
            } catch (RuntimeException notYet) {
                return false;
            }
        });
        return process;
    }

    /** utime + stime of a process, in clock ticks (100 per second on Linux), from /proc/<pid>/stat. */
    private static long cpuTicks(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }

    /** {busy, total} jiffies of the whole machine, from /proc/stat. */
    private static long[] machineTicks() throws IOException {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < cpu.length; i++) {
            total += Long.parseLong(cpu[i]);
        }
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        return new long[] {total - idle, total};
    }

    private static double busyShare(long[] before, long[] after) {
        return (after[0] - before[0]) / (double) (after[1] - before[1]);
    }

    private static List<User> users(Radicale radicale, JsonHttp api, int count) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CalDavUser caldav = radicale.newUser();
            CalDavPhone phone = radicale.phoneOf(caldav);
            phone.createCalendar("work", "Work", "VEVENT");
            phone.createCalendar("raw", "Raw", "VEVENT");
            String userId = "bench-user-" + i;
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
