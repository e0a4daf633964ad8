package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.testsupport.SharedKafka;
import io.calsync.testsupport.SharedPostgres;
import io.calsync.testsupport.TestDatabase;
import io.calsync.testsupport.TestTokens;
import org.junit.jupiter.api.Test;

/** In production the vault key comes from configuration: without one the worker does not start, and says why. */
class VaultKeyRequiredIntegrationTests {

    @Test
    void theWorkerRefusesToStartWithoutAVaultKeyAndSaysHowToMakeOne() {
        TestDatabase database = SharedPostgres.freshDatabase("novault");

        assertThatThrownBy(() -> SyncWorkerApplication.application().run(
                "--server.port=0",
                "--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--spring.datasource.url=" + database.jdbcUrl(),
                "--spring.datasource.username=" + database.user(),
                "--spring.datasource.password=" + database.password(),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation()))
                .rootCause()
                .hasMessageContaining("The credential vault has no key")
                .hasMessageContaining("openssl rand -base64 32");
    }
}
