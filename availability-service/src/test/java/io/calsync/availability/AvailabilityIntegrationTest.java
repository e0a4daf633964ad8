package io.calsync.availability;

import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.RealComponents;
import io.calsync.testsupport.SharedPostgres;
import io.calsync.testsupport.TestDatabase;
import io.calsync.testsupport.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The availability-service against the shared Kafka broker and a fresh database. One Spring context serves every
 * subclass: a second one would join the same consumer group and take half the partitions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + AvailabilityApplication.CONFIG_NAME)
abstract class AvailabilityIntegrationTest {

    private static final TestDatabase DATABASE = SharedPostgres.freshDatabase("availability");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        RealComponents.register(registry, DATABASE);
    }

    JsonHttp anonymousApi() {
        return new JsonHttp("http://127.0.0.1:" + port);
    }

    JsonHttp api() {
        return anonymousApi().with("Authorization", TestTokens.bearer(TestTokens.forTenant("acme")));
    }
}
