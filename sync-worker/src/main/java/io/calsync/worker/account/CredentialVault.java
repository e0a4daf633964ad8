package io.calsync.worker.account;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts app-specific passwords at rest with AES-256-GCM (the JDK's provider). A fresh 96-bit nonce per
 * secret; the account id is the associated data, so a secret copied to another account does not decrypt. The
 * key id is stored beside each secret: keys rotate by adding a new current key while old ones still decrypt.
 */
public final class CredentialVault {

    static final String HOW_TO_MAKE_A_KEY = "set calsync.vault.current-key-id and calsync.vault.keys.<id> to a "
            + "base64 32-byte key, e.g. CALSYNC_VAULT_CURRENTKEYID=k1 CALSYNC_VAULT_KEYS_K1=$(openssl rand -base64 32)";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String currentKeyId;
    private final SecureRandom random = new SecureRandom();

    /** A secret as stored: which key sealed it, and nonce || ciphertext || tag. */
    public record Sealed(String keyId, byte[] bytes) {
    }

    public CredentialVault(VaultProperties properties) {
        if (properties.currentKeyId() == null || properties.currentKeyId().isBlank()) {
            throw new IllegalStateException("The credential vault has no key: " + HOW_TO_MAKE_A_KEY);
        }
        properties.keys().forEach((id, base64) -> keys.put(id, aesKey(id, base64)));
        if (!keys.containsKey(properties.currentKeyId())) {
            throw new IllegalStateException("calsync.vault.current-key-id is '" + properties.currentKeyId()
                    + "' but calsync.vault.keys has no such key: " + HOW_TO_MAKE_A_KEY);
        }
        this.currentKeyId = properties.currentKeyId();
    }

    public Sealed seal(UUID accountId, String secret) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), nonce, accountId);
            byte[] ciphertext = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new Sealed(currentKeyId, ByteBuffer.allocate(NONCE_BYTES + ciphertext.length)
                    .put(nonce).put(ciphertext).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encrypting a credential failed", e);
        }
    }

    public String open(UUID accountId, Sealed sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("a credential was encrypted with key '" + sealed.keyId()
                    + "', which calsync.vault.keys no longer lists; add it back to read the credential");
        }
        try {
            byte[] bytes = sealed.bytes();
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(bytes, NONCE_BYTES), accountId);
            return new String(cipher.doFinal(bytes, NONCE_BYTES, bytes.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // never include the bytes: the message may end up in a log
            throw new IllegalStateException("the stored credential of account " + accountId
                    + " does not decrypt with key '" + sealed.keyId() + "' (wrong key or tampered data)", e);
        }
    }

    public String currentKeyId() {
        return currentKeyId;
    }

    private static Cipher cipher(int mode, SecretKey key, byte[] nonce, UUID accountId) throws GeneralSecurityException {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(accountId.toString().getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKey aesKey(String id, String base64) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("vault key '" + id + "' is not base64: " + HOW_TO_MAKE_A_KEY);
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("vault key '" + id + "' has " + bytes.length
                    + " bytes; AES-256 needs 32: " + HOW_TO_MAKE_A_KEY);
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
