package io.calsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.infra.TokenIssuer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local run makes its own secrets on first start, readable by their owner only, and keeps them. */
class LocalSecretsUnitTests {

    @TempDir
    Path home;

    @Test
    void theVaultKeyIsCreatedOwnerOnlyOnFirstStartAndReusedAfter() throws Exception {
        Path file = home.resolve("vault.key");

        String key = VaultKeyFile.readOrCreate(file);

        assertThat(Base64.getDecoder().decode(key)).hasSize(32);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(VaultKeyFile.readOrCreate(file)).isEqualTo(key);
    }

    @Test
    void theTokenSigningKeyIsOwnerOnlyAndTokensCarryTheTenant() throws Exception {
        TokenIssuer tokens = TokenIssuer.readOrCreate(home, Clock.systemUTC());

        String token = tokens.mint("acme", Duration.ofMinutes(5));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("jwt-signing-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(tokens.publicKeyLocation()).startsWith("file:").endsWith("jwt-public-key.pem");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(claims).contains("\"tenant_id\":\"acme\"");
        assertThat(TokenIssuer.readOrCreate(home, Clock.systemUTC()).mint("acme", Duration.ofMinutes(5))).isNotBlank();
    }
}
