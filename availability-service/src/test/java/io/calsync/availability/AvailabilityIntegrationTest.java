package io.calsync.availability;

import io.calsync.testsupport.TcpProxy;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.SharedKafka;
import io.calsync.testsupport.SharedPostgres;
import io.calsync.testsupport.TestDatabase;
import io.calsync.testsupport.TestTokens;
import java.net.URI;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The availability-service against the shared Kafka broker and a fresh database, reached through a {@link TcpProxy}
 * so that a test can take PostgreSQL away and give it back. One Spring context serves every subclass: a second one
 * would join the same consumer group and take half the partitions.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=" + AvailabilityApplication.CONFIG_NAME,
            // PostgreSQL outages in these tests are short; ingest retries then come quickly
            "spring.datasource.hikari.connection-timeout=1000"})
abstract class AvailabilityIntegrationTest {

    static final TestDatabase DATABASE = SharedPostgres.freshDatabase("availability");
    static final TcpProxy DATABASE_PROXY = proxyTo(DATABASE);

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void realComponents(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        registry.add("spring.datasource.url", () -> DATABASE.jdbcUrl().replaceFirst("//[^/]+/",
                "//127.0.0.1:" + DATABASE_PROXY.port() + "/"));
        registry.add("spring.datasource.username", DATABASE::user);
        registry.add("spring.datasource.password", DATABASE::password);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }

    private static TcpProxy proxyTo(TestDatabase database) {
        URI uri = URI.create(database.jdbcUrl().substring("jdbc:".length()));
        return new TcpProxy(uri.getHost(), uri.getPort());
    }

    JsonHttp anonymousApi() {
        return new JsonHttp("http://127.0.0.1:" + port);
    }

    JsonHttp api() {
        return anonymousApi().with("Authorization", TestTokens.bearer(TestTokens.forTenant("acme")));
    }
}
