package io.calsync.testsupport;

import org.springframework.test.context.DynamicPropertyRegistry;

/** Points a service under test at the shared real components: Kafka, a fresh database, the test token issuer. */
public final class RealComponents {

    private RealComponents() {
    }

    public static void register(DynamicPropertyRegistry registry, TestDatabase database) {
        registry.add("spring.kafka.bootstrap-servers", SharedKafka::bootstrapServers);
        registry.add("spring.datasource.url", database::jdbcUrl);
        registry.add("spring.datasource.username", database::user);
        registry.add("spring.datasource.password", database::password);
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
    }
}
