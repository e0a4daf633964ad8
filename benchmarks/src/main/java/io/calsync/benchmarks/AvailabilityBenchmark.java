package io.calsync.benchmarks;

import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.CalsyncEvent;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotOrigin;
import io.calsync.contracts.SlotSource;
import io.calsync.contracts.wire.EventCodec;
import io.calsync.infra.KafkaBroker;
import io.calsync.infra.PostgresServer;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.Radicale;
import io.calsync.testsupport.TestTokens;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;

/**
 * The availability API and ingest, measured (figures only, budgets printed beside them, never asserted):
 * <ol>
 *   <li>one user with 2,000 busy intervals over 30 days: free slots for 30 days in 30-minute steps, busy time for 7
 *       days and a conflict check, each at {@code rate} requests/s for {@code seconds} from an open-model load
 *       generator ({@link OpenLoad}): p50, p99, max, and the CPU of the service and of PostgreSQL;
 *   <li>team free slots for 10 users (30 days, mode all) at the same rate;
 *   <li>for comparison, what a peer that asks the calendar server live does: one RFC 4791 time-range
 *       {@code calendar-query} REPORT of the same 2,000 events from Radicale, timed until the whole answer is read
 *       (before any parsing);
 *   <li>ingest: {@code ingestEvents} slot events published to Kafka and materialized into PostgreSQL (events/s), then a
 *       second availability-service replaying every topic from offset 0 into a fresh database.
 * </ol>
 */
public final class AvailabilityBenchmark {

    static final int RATE = Integer.getInteger("rate", 200);
    static final Duration RUN = Duration.ofSeconds(Long.getLong("seconds", 60));
    static final Duration WARM_UP = Duration.ofSeconds(Math.min(Long.getLong("warmupSeconds", 30), Long.getLong("seconds", 60)));
    static final int BUSY = 2000;
    static final int TEAM = 10;
    static final int TEAM_BUSY = 200;
    static final int INGEST = Integer.getInteger("ingestEvents", 100_000);
    static final String TENANT = "bench";
    /** Monday 00:00 UTC a week ahead: minimum notice never reaches the window. */
    static final Instant FROM = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(Duration.ofDays(7));
    private static final DateTimeFormatter ICAL_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private AvailabilityBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("calsync-bench-");
        try (KafkaBroker kafka = KafkaBroker.start(home.resolve("kafka"));
                PostgresServer postgres = PostgresServer.localOrEmbedded("127.0.0.1", 5432, home.resolve("pg"), false);
                Radicale radicale = Radicale.start();
                KafkaProducer<String, byte[]> producer = producer(kafka)) {
            String database = "calsync_bench_avail_" + UUID.randomUUID().toString().substring(0, 8);
            postgres.createDatabaseIfMissing(database);
            System.out.printf(Locale.ROOT, "%ncalsync availability benchmark: %d requests/s for %d s per question "
                    + "(open model), %d cores shared by the service, PostgreSQL, Kafka, Radicale and this load generator%n",
                    RATE, RUN.toSeconds(), Runtime.getRuntime().availableProcessors());
            try (AvailabilityProcess service = AvailabilityProcess.start(kafka, postgres, database, "bench-live")) {
                Random random = new Random(42);
                List<SlotBlocked> busy = intervals(random, "bench-user", BUSY);
                publish(producer, busy);
                List<String> team = new ArrayList<>();
                for (int u = 0; u < TEAM; u++) {
                    team.add("team-" + u);
                    publish(producer, intervals(random, "team-" + u, TEAM_BUSY));
                }
                awaitRows(postgres, database, BUSY + TEAM * TEAM_BUSY);
                measureQuestions(service, team);
                calendarQuery(radicale, busy);
                if (INGEST > 0) {
                    ingestAndReplay(kafka, postgres, database, producer, service);
                }
            }
            postgres.dropDatabase(database);
        }
    }

    private static void measureQuestions(AvailabilityProcess service, List<String> team) throws Exception {
        String token = "Bearer " + TestTokens.forTenant(TENANT);
        String user = service.baseUrl() + "/v1/tenants/" + TENANT + "/users/bench-user";
        Instant monthEnd = FROM.plus(Duration.ofDays(30));
        Map<String, IntFunction<HttpRequest>> questions = new LinkedHashMap<>();
        questions.put("free slots, 30 days, 30-min steps", i -> get(token, user + "/free-slots?from=" + FROM + "&to="
                + monthEnd + "&duration=PT30M&step=PT30M&maxResults=1000"));
        questions.put("busy, 7 days", i -> get(token, user + "/busy?from=" + FROM + "&to=" + FROM.plus(Duration.ofDays(7))));
        questions.put("conflicts", i -> {
            Instant start = FROM.plus(Duration.ofMinutes(30L * (i % (30 * 48))));
            return post(token, user + "/conflicts", "{\"start\":\"" + start + "\",\"end\":\"" + start.plus(Duration.ofMinutes(30))
                    + "\",\"bufferBefore\":\"PT10M\",\"bufferAfter\":\"PT10M\"}");
        });
        questions.put("team of 10, 30 days, all", i -> post(token, service.baseUrl() + "/v1/tenants/" + TENANT
                + "/free-slots", "{\"users\":[\"" + String.join("\",\"", team) + "\"],\"mode\":\"all\",\"from\":\"" + FROM
                + "\",\"to\":\"" + monthEnd + "\",\"duration\":\"PT30M\",\"step\":\"PT30M\",\"maxResults\":1000}"));
        Map<String, String> budgets = Map.of("free slots, 30 days, 30-min steps", "p99 < 20 ms", "conflicts", "p99 < 20 ms",
                "team of 10, 30 days, all", "p99 < 50 ms", "busy, 7 days", "(no budget)");

        JsonHttp check = new JsonHttp(service.baseUrl()).with("Authorization", token);
        System.out.printf(Locale.ROOT, "   (answers: %d free slots, %d busy intervals in 7 days)%n",
                check.get("/v1/tenants/" + TENANT + "/users/bench-user/free-slots?from=" + FROM + "&to=" + monthEnd
                        + "&duration=PT30M&step=PT30M&maxResults=1000").json().get("slots").size(),
                check.get("/v1/tenants/" + TENANT + "/users/bench-user/busy?from=" + FROM + "&to="
                        + FROM.plus(Duration.ofDays(7))).json().get("busy").size());
        for (Map.Entry<String, IntFunction<HttpRequest>> question : questions.entrySet()) {
            OpenLoad.run(RATE, WARM_UP, question.getValue());
            CpuShares cpu = CpuShares.start(service.pid(), ProcessHandle.current().pid());
            OpenLoad.Result result = OpenLoad.run(RATE, RUN, question.getValue());
            CpuShares.Shares shares = cpu.stop(result.seconds());
            System.out.printf(Locale.ROOT, "%-36s p50 %6.1f ms  p99 %6.1f ms  max %7.1f ms  %d requests, %d failed;"
                    + " CPU: service %.2f cores, PostgreSQL %.2f, machine %.2f of %d   budget %s%n", question.getKey(),
                    result.percentileMillis(50), result.percentileMillis(99), result.maxMillis(),
                    result.latencies().length, result.failed(), shares.worker(), shares.postgres(), shares.machine(),
                    Runtime.getRuntime().availableProcessors(), budgets.get(question.getKey()));
        }
    }

    /** The same 2,000 events in Radicale, and one time-range calendar-query of the 30 days, timed until read. */
    private static void calendarQuery(Radicale radicale, List<SlotBlocked> busy) throws Exception {
        CalDavUser owner = radicale.newUser();
        Map<String, String> events = new LinkedHashMap<>();
        for (SlotBlocked slot : busy) {
            events.put(slot.slotId() + ".ics", "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//calsync//bench//EN\r\n"
                    + "BEGIN:VEVENT\r\nUID:" + slot.slotId() + "\r\nDTSTAMP:20260101T000000Z\r\nDTSTART:"
                    + ICAL_UTC.format(slot.start()) + "\r\nDTEND:" + ICAL_UTC.format(slot.end()) + "\r\nSUMMARY:Busy\r\n"
                    + "END:VEVENT\r\nEND:VCALENDAR\r\n");
        }
        RadicaleStorage.of(radicale).createCalendar(owner, "work", "Work", events);
        String body = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<C:calendar-query xmlns:D=\"DAV:\" "
                + "xmlns:C=\"urn:ietf:params:xml:ns:caldav\"><D:prop><D:getetag/><C:calendar-data/></D:prop>"
                + "<C:filter><C:comp-filter name=\"VCALENDAR\"><C:comp-filter name=\"VEVENT\"><C:time-range start=\""
                + ICAL_UTC.format(FROM) + "\" end=\"" + ICAL_UTC.format(FROM.plus(Duration.ofDays(30)))
                + "\"/></C:comp-filter></C:comp-filter></C:filter></C:calendar-query>";
        HttpRequest report = HttpRequest.newBuilder(URI.create(radicale.baseUrl() + "/" + owner.username() + "/work/"))
                .method("REPORT", HttpRequest.BodyPublishers.ofString(body))
                .header("Depth", "1").header("Content-Type", "application/xml; charset=utf-8")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (owner.username() + ":" + owner.password()).getBytes(StandardCharsets.UTF_8)))
                .build();
        HttpClient http = HttpClient.newHttpClient();
        for (String which : List.of("first (Radicale builds its cache)", "second")) {
            long start = System.nanoTime();
            HttpResponse<byte[]> answer = http.send(report, HttpResponse.BodyHandlers.ofByteArray());
            double millis = (System.nanoTime() - start) / 1e6;
            System.out.printf(Locale.ROOT, "%-36s %7.1f ms until the whole answer is read, before any parsing "
                    + "(%d, %d KiB, %d events): what asking the calendar server live costs per question%n",
                    "Radicale calendar-query, " + which, millis, answer.statusCode(), answer.body().length / 1024,
                    countOf(answer.body(), "BEGIN:VEVENT"));
        }
    }

    private static void ingestAndReplay(KafkaBroker kafka, PostgresServer postgres, String database,
            KafkaProducer<String, byte[]> producer, AvailabilityProcess live) throws Exception {
        Random random = new Random(7);
        List<SlotBlocked> slots = new ArrayList<>(INGEST);
        for (int i = 0; i < INGEST; i++) {
            String user = "ingest-" + (i % 1000);
            Instant start = FROM.plus(Duration.ofMinutes(random.nextInt(30 * 24 * 60)));
            slots.add(new SlotBlocked(TENANT, user, "ingest-" + i, SlotSource.ICLOUD,
                    new SlotOrigin("acc-" + user, "work", CalendarRole.CONFLICT, "uid-" + i, null),
                    start, start.plus(Duration.ofMinutes(30)), false, "Busy"));
        }
        int before = BUSY + TEAM * TEAM_BUSY;
        CpuShares cpu = CpuShares.start(live.pid(), ProcessHandle.current().pid());
        long start = System.nanoTime();
        publish(producer, slots);
        double published = (System.nanoTime() - start) / 1e9;
        awaitRows(postgres, database, before + INGEST);
        double seconds = (System.nanoTime() - start) / 1e9;
        CpuShares.Shares shares = cpu.stop(seconds);
        System.out.printf(Locale.ROOT, "%-36s %,.0f events/s (%,d slot events in %.1f s, published in %.1f s; CPU: "
                + "service %.2f cores, PostgreSQL %.2f)   budget >= 5,000 events/s%n", "ingest from Kafka",
                INGEST / seconds, INGEST, seconds, published, shares.worker(), shares.postgres());

        String fresh = "calsync_bench_replay_" + UUID.randomUUID().toString().substring(0, 8);
        postgres.createDatabaseIfMissing(fresh);
        int total = before + INGEST;
        long replayStart = System.nanoTime();
        try (AvailabilityProcess replay = AvailabilityProcess.start(kafka, postgres, fresh, "bench-replay-" + UUID.randomUUID())) {
            double ready = (System.nanoTime() - replayStart) / 1e9;
            int atReady = rows(postgres, fresh);
            long from = System.nanoTime();
            awaitRows(postgres, fresh, total);
            double rest = (System.nanoTime() - from) / 1e9;
            System.out.printf(Locale.ROOT, "%-36s %,.0f events/s after the service was ready (%,d events: %,d while it "
                    + "started in %.1f s, the other %,d in %.1f s); %,.0f events/s counting its start   budget >= 5,000 "
                    + "events/s%n", "replay into a fresh database", (total - atReady) / rest, total, atReady, ready,
                    total - atReady, rest, total / (ready + rest));
        }
        postgres.dropDatabase(fresh);
    }

    /** {@code count} busy intervals of 15 minutes to 2 hours, at random over the 30 days from {@link #FROM}. */
    private static List<SlotBlocked> intervals(Random random, String user, int count) {
        List<SlotBlocked> slots = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant start = FROM.plus(Duration.ofMinutes(5L * random.nextInt(30 * 24 * 12)));
            slots.add(new SlotBlocked(TENANT, user, user + "-" + i, SlotSource.ICLOUD,
                    new SlotOrigin("acc-" + user, "work", CalendarRole.PRIMARY, "uid-" + user + "-" + i, null),
                    start, start.plus(Duration.ofMinutes(15L * (1 + random.nextInt(8)))), false, "Busy"));
        }
        return slots;
    }

    private static void publish(KafkaProducer<String, byte[]> producer, List<? extends CalsyncEvent> events) {
        EventCodec codec = new EventCodec(URI.create("/calsync/bench"));
        for (CalsyncEvent event : events) {
            ProducerRecord<String, byte[]> record = codec.encode(event);
            producer.send(record);
        }
        producer.flush();
    }

    private static void awaitRows(PostgresServer postgres, String database, int rows) {
        Awaitility.await("materialized").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> rows(postgres, database) >= rows);
    }

    private static int rows(PostgresServer postgres, String database) throws Exception {
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.user(), postgres.password());
                ResultSet rs = db.createStatement().executeQuery("SELECT count(*) FROM blocked_slot")) {
            rs.next();
            return rs.getInt(1);
        } catch (java.sql.SQLException notYet) {
            return 0;
        }
    }

    private static KafkaProducer<String, byte[]> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 10,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
    }

    private static HttpRequest get(String token, String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", token).timeout(Duration.ofSeconds(30)).build();
    }

    private static HttpRequest post(String token, String url, String json) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build();
    }

    private static int countOf(byte[] body, String what) {
        String text = new String(body, StandardCharsets.UTF_8);
        int count = 0;
        for (int at = text.indexOf(what); at >= 0; at = text.indexOf(what, at + 1)) {
            count++;
        }
        return count;
    }
}
