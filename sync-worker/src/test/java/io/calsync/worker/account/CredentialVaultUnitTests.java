package io.calsync.worker.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CredentialVaultUnitTests {

    private static final String PASSWORD = "abcd-efgh-ijkl-mnop";
    private final UUID account = UUID.randomUUID();

    private static String key() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void sealsWithAFreshNonceAndOpensAgain() {
        CredentialVault vault = new CredentialVault(new VaultProperties(Map.of("k1", key()), "k1"));

        CredentialVault.Sealed first = vault.seal(account, PASSWORD);
        CredentialVault.Sealed second = vault.seal(account, PASSWORD);

        assertThat(first.keyId()).isEqualTo("k1");
        assertThat(first.bytes()).isNotEqualTo(second.bytes());
        assertThat(new String(first.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain(PASSWORD);
        assertThat(vault.open(account, first)).isEqualTo(PASSWORD);
    }

    @Test
    void rotation_oldKeysStillOpenAndNewSecretsUseTheCurrentKey() {
        String k1 = key();
        CredentialVault.Sealed old = new CredentialVault(new VaultProperties(Map.of("k1", k1), "k1")).seal(account, PASSWORD);
        CredentialVault rotated = new CredentialVault(new VaultProperties(Map.of("k1", k1, "k2", key()), "k2"));

        assertThat(rotated.open(account, old)).isEqualTo(PASSWORD);
        assertThat(rotated.seal(account, PASSWORD).keyId()).isEqualTo("k2");
    }

    @Test
    void aSecretMovedToAnotherAccountOrTamperedWithDoesNotOpen() {
        CredentialVault vault = new CredentialVault(new VaultProperties(Map.of("k1", key()), "k1"));
        CredentialVault.Sealed sealed = vault.seal(account, PASSWORD);
        byte[] tampered = sealed.bytes().clone();
        tampered[tampered.length - 1] ^= 1;

        assertThatThrownBy(() -> vault.open(UUID.randomUUID(), sealed)).hasMessageContaining("does not decrypt")
                .hasMessageNotContaining(PASSWORD);
        assertThatThrownBy(() -> vault.open(account, new CredentialVault.Sealed("k1", tampered)))
                .hasMessageContaining("tampered");
    }

    @Test
    void aSecretOfAKeyNoLongerListedSaysWhichKeyIsMissing() {
        CredentialVault.Sealed sealed = new CredentialVault(new VaultProperties(Map.of("gone", key()), "gone")).seal(account, PASSWORD);
        CredentialVault vault = new CredentialVault(new VaultProperties(Map.of("k1", key()), "k1"));

        assertThatThrownBy(() -> vault.open(account, sealed)).hasMessageContaining("'gone'");
    }

    @Test
    void refusesToStartWithoutAUsableKeyAndSaysHowToMakeOne() {
        assertThatThrownBy(() -> new CredentialVault(new VaultProperties(Map.of(), null)))
                .hasMessageContaining("openssl rand -base64 32");
        assertThatThrownBy(() -> new CredentialVault(new VaultProperties(Map.of("k1", key()), "k2")))
                .hasMessageContaining("no such key");
        assertThatThrownBy(() -> new CredentialVault(new VaultProperties(Map.of("k1", "c2hvcnQ="), "k1")))
                .hasMessageContaining("32");
        assertThatThrownBy(() -> new CredentialVault(new VaultProperties(Map.of("k1", "not base64!"), "k1")))
                .hasMessageContaining("not base64");
    }
}
