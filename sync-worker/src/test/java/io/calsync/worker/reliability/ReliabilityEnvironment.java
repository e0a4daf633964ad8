package io.calsync.worker.reliability;

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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the reliability tests run on: a Kafka broker and sync-workers in their own OS processes, a fresh database,
 * Radicale behind the iCloud proxy, and users with a connected account and a Primary Calendar.
 */
final class ReliabilityEnvironment implements AutoCloseable {

    final Radicale radicale = Radicale.shared();
    final ICloudProxy icloud = ICloudProxy.start(radicale);
    final KafkaProcess kafka = new KafkaProcess().start();
    final TestDatabase database = SharedPostgres.freshDatabase("reliability");
    final KafkaEvents events;
    private final Map<String, String> secrets;
    private final List<WorkerProcess> workers = new ArrayList<>();
    private final List<AvailabilityProcess> availabilities = new CopyOnWriteArrayList<>();

    /** A platform user whose Primary Calendar is {@code work} in their iCloud account. */
    record User(String tenantId, String userId, CalDavUser caldav, CalDavPhone phone, String accountId) {
    }

    ReliabilityEnvironment() {
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
        properties.put("calsync.push.interval", "100ms");
        properties.put("calsync.push.max-backoff", "2s");
        properties.put("calsync.push.lease", "20s");
        properties.put("calsync.worker.account-lease", "10s");
        properties.put("calsync.poll.interval", "1h");
        properties.put("resilience4j.circuitbreaker.instances.apple.wait-duration-in-open-state", "2s");
        properties.put("management.endpoints.web.exposure.include", "health,circuitbreakers,circuitbreakerevents");
        properties.put("logging.level.io.calsync", "INFO");
        properties.putAll(overrides); // a property given twice on the command line would be read as a list
        List<String> arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue()).toList();
        WorkerProcess worker = new WorkerProcess(name, FreePorts.next(), arguments, secrets);
        workers.add(worker);
        return worker;
    }

    /** The availability-service in its own process, on its own fresh database, reading this environment's broker. */
    AvailabilityProcess availability() {
        AvailabilityProcess availability = AvailabilityProcess.launch(FreePorts.next(), kafka.bootstrapServers(),
                SharedPostgres.freshDatabase("reliability_availability"));
        availabilities.add(availability); // closed with the environment even if it never gets ready
        return availability.awaitReady();
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
            JsonHttp.Response connected = api(worker).post(base + "/icloud-accounts",
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

    @Override
    public void close() {
        workers.forEach(WorkerProcess::close);
        availabilities.forEach(AvailabilityProcess::close);
        events.close();
        kafka.close();
        icloud.close();
    }
}
