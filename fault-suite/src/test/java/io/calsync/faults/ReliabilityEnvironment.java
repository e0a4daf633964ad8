package io.calsync.faults;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.Topics;
import io.calsync.infra.FreePorts;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.KafkaProcess;
import io.calsync.testsupport.Radicale;
import io.calsync.testsupport.SharedPostgres;
import io.calsync.testsupport.TestDatabase;
import io.calsync.testsupport.TestTokens;
import java.io.IOException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the reliability tests run on: a Kafka broker and sync-workers in their own OS processes, a fresh database,
 * Radicale behind the iCloud proxy, and users with a connected account and a Primary Calendar.
 */
final class ReliabilityEnvironment implements AutoCloseable {

    // a Radicale per environment (a lane of classes, see Lanes): Radicale serializes every write of a server behind
    // one storage lock, and the lanes run side by side (thousands of writes in the kill test would hold up the
    // others' phones and polls)
    final Radicale radicale = Radicale.start();
    final ICloudProxy icloud = ICloudProxy.start(radicale);
    final KafkaProcess kafka = new KafkaProcess().start();
    final TestDatabase database;
    private final Function<String, TestDatabase> databases;
    final KafkaEvents events;
    private final Map<String, String> secrets;
    private final List<WorkerProcess> workers = new CopyOnWriteArrayList<>();
    private final List<AvailabilityProcess> availabilities = new CopyOnWriteArrayList<>();

    /** A platform user whose Primary Calendar is {@code work} in their iCloud account. */
    record User(String tenantId, String userId, CalDavUser caldav, CalDavPhone phone, String accountId) {
    }

    ReliabilityEnvironment() {
        this(SharedPostgres::freshDatabase);
    }

    /** @param databases makes a fresh database for a purpose: the worker's, and each availability-service's */
    ReliabilityEnvironment(Function<String, TestDatabase> databases) {
        this.databases = databases;
        this.database = databases.apply("reliability");
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        secrets = Map.of("CALSYNC_VAULT_CURRENTKEYID", "test", "CALSYNC_VAULT_KEYS_TEST", Base64.getEncoder().encodeToString(key));
        events = new KafkaEvents(kafka.bootstrapServers(), Topics.APPOINTMENT_SYNC, Topics.INTEGRATIONS);
    }

    WorkerProcess worker(String name) throws IOException {
        return worker(name, Map.of());
    }

    /** A worker with the defaults below, each of {@code overrides} (property name → value) replacing or adding one. */
    WorkerProcess worker(String name, Map<String, String> overrides) throws IOException {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        properties.put("spring.datasource.url", database.jdbcUrl());
        properties.put("spring.datasource.username", database.user());
        properties.put("spring.datasource.password", database.password());
        properties.put("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens.publicKeyLocation());
        properties.put("calsync.caldav.root-url", icloud.rootUrl());
        properties.put("calsync.caldav.insecure-hosts", icloud.hostPorts());
        properties.put("calsync.caldav.read-timeout", "3s");
        // new work wakes the dispatcher at once; the interval only paces retries and lease checks, and each look at
        // the queue is a query: with several workers alive per class, 100 ms kept PostgreSQL busy for nothing
        properties.put("calsync.push.interval", "500ms");
        properties.put("calsync.push.max-backoff", "2s");
        properties.put("calsync.push.lease", "20s");
        properties.put("calsync.worker.account-lease", "10s");
        properties.put("calsync.poll.interval", "1h");
        properties.put("resilience4j.circuitbreaker.instances.apple.wait-duration-in-open-state", "2s");
        properties.put("management.endpoints.web.exposure.include", "health,circuitbreakers,circuitbreakerevents");
        properties.put("logging.level.io.calsync", "INFO");
        properties.put("spring.kafka.consumer.fetch-max-wait", "5s"); // see AvailabilityProcess
        // the reliability classes run side by side, each with workers and availability-services of its own: with
        // Hikari's 10 connections each they would exhaust PostgreSQL's 100 (53300 "too many clients")
        properties.put("spring.datasource.hikari.maximum-pool-size", "5");
        properties.putAll(overrides); // a property given twice on the command line would be read as a list
        List<String> arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toList();
        WorkerProcess worker = new WorkerProcess(name, FreePorts.next(), arguments, secrets);
        workers.add(worker);
        return worker;
    }

    /** The availability-service in its own process, on its own fresh database, reading this environment's broker. */
    AvailabilityProcess availability() {
        AvailabilityProcess availability = AvailabilityProcess.launch(FreePorts.next(), kafka.bootstrapServers(),
                databases.apply("reliability_availability"));
        availabilities.add(availability); // closed with the environment even if it never gets ready
        return availability.awaitReady();
    }

    /** {@code killed} started again on its port and database, closed with the environment. */
    AvailabilityProcess restarted(AvailabilityProcess killed) {
        AvailabilityProcess again = killed.relaunch();
        availabilities.add(again);
        return again.awaitReady();
    }

    JsonHttp api(WorkerProcess worker) {
        return new JsonHttp("http://127.0.0.1:" + worker.port()).with("Authorization",
                TestTokens.bearer(TestTokens.forTenant("acme")));
    }

    /** Users connected through {@code worker}, each with a Primary Calendar {@code work}. */
    List<User> users(WorkerProcess worker, int count) {
        List<User> users = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            CalDavUser caldav = radicale.newUser();
            CalDavPhone phone = radicale.phoneOf(caldav);
            phone.createCalendar("work", "Work", "VEVENT");
            String userId = "u-" + UUID.randomUUID();
            String base = "/v1/tenants/acme/users/" + userId;
            JsonHttp.Response connected = api(worker).postUntilAvailable(base + "/icloud-accounts",
                    Map.of("appleId", caldav.username(), "appSpecificPassword", caldav.password()));
            if (connected.status() != 201) {
                throw new AssertionError("connect failed: " + connected);
            }
            String accountId = connected.json().get("accountId").asString();
            JsonHttp.Response configured = api(worker).put(base + "/calendar-configuration",
                    Map.of("primary", Map.of("accountId", accountId, "calendarId", "work"), "conflicts", List.of()));
            if (configured.status() != 200) {
                throw new AssertionError("configure failed: " + configured);
            }
            users.add(new User("acme", userId, caldav, phone, accountId));
        }
        return users;
    }

    /** A booking of {@code user} tomorrow, in the half-hour {@code slot} (from midnight, Europe/Berlin's zone named). */
    static AppointmentBooked booking(User user, String id, int slot) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS)
                .plus(slot * 30L, ChronoUnit.MINUTES);
        return new AppointmentBooked(user.tenantId(), user.userId(), id, 1, start, start.plus(30, ChronoUnit.MINUTES),
                "Europe/Berlin", "Booking " + id, null, null);
    }

    /**
     * Publishes bookings {@code from} to {@code to} (exclusive) of {@code prefix}, one per half-hour slot, the users
     * taking turns; each is recorded as desired (revision 1) with the slot its busy time should take.
     */
    void publishBookings(List<User> users, String prefix, int from, int to, Map<String, Long> desired,
            Map<String, AppointmentBusyAudit.Slot> slots) {
        for (int i = from; i < to; i++) {
            User user = users.get(i % users.size());
            String id = prefix + "-" + i + "-" + user.userId();
            AppointmentBooked booking = booking(user, id, i);
            events.publish(booking);
            desired.put(id, 1L);
            slots.put(id, new AppointmentBusyAudit.Slot(booking.start(), booking.end()));
        }
    }

    /** One number from the worker's database. */
    long queryLong(String sql) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row of a query on the worker's database, as text. */
    List<String> queryStrings(String sql) {
        try (Connection c = DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
                ResultSet rs = c.createStatement().executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The appointments with an {@code appointment.synced} so far. */
    Set<String> syncedIds() {
        return events.events(AppointmentSynced.class).stream().map(AppointmentSynced::appointmentId)
                .collect(Collectors.toSet());
    }

    /**
     * Stops the workers and availability-services started so far and switches the proxy's behaviour off: a test
     * class leaves its lane's environment quiet for the next (an availability-service left running would share the
     * next one's consumer group and partitions; an outage left on would fail the next one's calls).
     */
    void closeProcesses() {
        icloud.reset();
        workers.forEach(WorkerProcess::close);
        workers.clear();
        availabilities.forEach(AvailabilityProcess::close);
        availabilities.clear();
    }

    @Override
    public void close() {
        closeProcesses();
        events.close();
        kafka.close();
        icloud.close();
        radicale.close();
    }
}
