package io.calsync.testsupport;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * Bearer tokens for the tests: an RSA key pair made for this test JVM, its public key as a PEM file the services
 * are pointed at ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}), and signed JWTs.
 */
public final class TestTokens {

    private static final KeyPair KEYS = generate();
    private static Path publicKeyFile;

    private TestTokens() {
    }

    /** {@code file:/...} of the PEM public key that verifies every token made here. */
    public static synchronized String publicKeyLocation() {
        if (publicKeyFile == null) {
            try {
                publicKeyFile = Files.createTempFile("calsync-test-jwt-", ".pem");
                Files.writeString(publicKeyFile, "-----BEGIN PUBLIC KEY-----\n"
                        + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                        + "\n-----END PUBLIC KEY-----\n");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return "file:" + publicKeyFile;
    }

    /** A valid token for {@code tenantId}, as the platform's identity provider would issue it. */
    public static String forTenant(String tenantId) {
        return sign(new JWTClaimsSet.Builder().subject("booking-service").claim("tenant_id", tenantId)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
    }

    /** A token that has expired. */
    public static String expired(String tenantId) {
        return sign(new JWTClaimsSet.Builder().subject("booking-service").claim("tenant_id", tenantId)
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(1)))).build());
    }

    /** A token signed with a key the services do not trust. */
    public static String signedByStranger(String tenantId) {
        return sign(new JWTClaimsSet.Builder().claim("tenant_id", tenantId)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build(), generate());
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static String sign(JWTClaimsSet claims) {
        return sign(claims, KEYS);
    }

    private static String sign(JWTClaimsSet claims, KeyPair keys) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(keys.getPrivate()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
