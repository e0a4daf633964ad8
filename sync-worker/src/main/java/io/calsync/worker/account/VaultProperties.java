package io.calsync.worker.account;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys of the credential vault.
 *
 * @param keys key id → 32-byte AES key, base64; old keys stay listed so what they encrypted can still be read
 *     (make one with {@code openssl rand -base64 32})
 * @param currentKeyId the key new secrets are encrypted with
 */
@ConfigurationProperties("calsync.vault")
public record VaultProperties(@DefaultValue Map<String, String> keys, String currentKeyId) {
}
