package io.calsync.worker;

import io.calsync.contracts.Topics;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.HostileCalDavServer;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.Radicale;
import io.calsync.testsupport.RealComponents;
import io.calsync.testsupport.SharedKafka;
import io.calsync.testsupport.SharedPostgres;
import io.calsync.testsupport.TestDatabase;
import io.calsync.testsupport.TestTokens;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The sync-worker against the real components: the shared Kafka broker, a fresh PostgreSQL database and
 * Radicale as the CalDAV server. One Spring context serves every subclass.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + SyncWorkerApplication.CONFIG_NAME)
public abstract class WorkerIntegrationTest {

    protected static final Radicale RADICALE = Radicale.shared();
    /** Every call to "iCloud" goes through the proxy that reproduces iCloud's behaviour in front of Radicale. */
    protected static final ICloudProxy ICLOUD = ICloudProxy.start(RADICALE);
    /** A CalDAV server that attacks calsync (allow-listed for plain HTTP, like the proxy); see HostileCalDavServerIntegrationTests. */
    protected static final HostileCalDavServer HOSTILE = HostileCalDavServer.start();
    private static final TestDatabase DATABASE = SharedPostgres.freshDatabase("worker");
    protected static final KafkaEvents KAFKA = new KafkaEvents(SharedKafka.bootstrapServers(),
            Topics.APPOINTMENT_SYNC, Topics.BLOCKED_SLOTS, Topics.INTEGRATIONS, Topics.deadLetter(Topics.APPOINTMENTS));
    private static final String VAULT_KEY = randomKey();

    @LocalServerPort
    protected int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        RealComponents.register(registry, DATABASE);
        registry.add("calsync.caldav.root-url", ICLOUD::rootUrl);
        registry.add("calsync.caldav.insecure-hosts", () -> ICLOUD.hostPorts() + "," + HOSTILE.hostPort());
        registry.add("calsync.caldav.call-deadline", () -> "4s");
        registry.add("calsync.caldav.read-timeout", () -> "3s");
        registry.add("calsync.vault.current-key-id", () -> "test-key");
        registry.add("calsync.vault.keys.test-key", () -> VAULT_KEY);
        registry.add("calsync.poll.interval", () -> "1s");
        registry.add("calsync.poll.tick", () -> "200ms");
        registry.add("calsync.push.interval", () -> "100ms");
        registry.add("calsync.metrics.refresh", () -> "1s");
    }

    @AfterEach
    void switchICloudBehavioursOff() {
        ICLOUD.reset();
    }

    /** The API as a caller of tenant {@code acme}. */
    protected JsonHttp api() {
        return api("acme");
    }

    /** The API as a caller holding a valid token of {@code tenantId}. */
    protected JsonHttp api(String tenantId) {
        return anonymousApi().with("Authorization", TestTokens.bearer(TestTokens.forTenant(tenantId)));
    }

    protected JsonHttp anonymousApi() {
        return new JsonHttp("http://127.0.0.1:" + port);
    }

    protected static String usersPath(String tenantId, String userId) {
        return "/v1/tenants/" + tenantId + "/users/" + userId;
    }

    /** Connects {@code user}'s CalDAV account for platform user {@code userId}; answers the account JSON. */
    protected JsonNode connect(String tenantId, String userId, CalDavUser user) {
        JsonHttp.Response response = api(tenantId).postUntilAvailable(usersPath(tenantId, userId) + "/icloud-accounts",
                Map.of("appleId", user.username(), "appSpecificPassword", user.password()));
        if (response.status() != 201) {
            throw new AssertionError("connect failed: " + response);
        }
        return response.json();
    }

    protected JsonHttp.Response configure(String tenantId, String userId, String accountId, String primary,
            List<String> conflicts) {
        Map<String, Object> body = new java.util.HashMap<>();
        if (primary != null) {
            body.put("primary", Map.of("accountId", accountId, "calendarId", primary));
        }
        body.put("conflicts", conflicts.stream().map(c -> Map.of("accountId", accountId, "calendarId", c)).toList());
        return api(tenantId).put(usersPath(tenantId, userId) + "/calendar-configuration", body);
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }
}
