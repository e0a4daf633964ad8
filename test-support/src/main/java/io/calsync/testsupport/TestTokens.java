package io.calsync.testsupport;

import com.nimbusds.jwt.JWTClaimsSet;
import io.calsync.infra.TokenIssuer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Bearer tokens for the tests, from a {@link TokenIssuer} made for this test JVM; the services under test trust
 * its public key ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}).
 */
public final class TestTokens {

    private static final TokenIssuer TRUSTED = newIssuer();
    private static final TokenIssuer STRANGER = newIssuer();

    private TestTokens() {
    }

    /** {@code file:/...} of the PEM public key that verifies every token made here. */
    public static String publicKeyLocation() {
        return TRUSTED.publicKeyLocation();
    }

    /** A valid token for {@code tenantId}, as the platform's identity provider would issue it. */
    public static String forTenant(String tenantId) {
        return TRUSTED.mint(tenantId, Duration.ofHours(1));
    }

    public static String expired(String tenantId) {
        Instant now = Instant.now();
        return TRUSTED.mint(tenantId, now.minus(Duration.ofHours(2)), now.minus(Duration.ofHours(1)));
    }

    /** An operator's token: no tenant, the operator scope. */
    public static String operator() {
        return TRUSTED.mintOperator(Duration.ofHours(1));
    }

    /** A trusted token of {@code tenantId} without {@code exp}: it would never expire, so services refuse it. */
    public static String withoutExpiry(String tenantId) {
        return TRUSTED.sign(claims().claim("tenant_id", tenantId).build());
    }

    /** A trusted, unexpired token that names no tenant and is no operator's. */
    public static String withoutTenant() {
        return TRUSTED.sign(claims().expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
    }

    /** A trusted, unexpired token of {@code tenantId} whose {@code iss} is {@code issuer} (none when null). */
    public static String withIssuer(String tenantId, String issuer) {
        return TRUSTED.sign(claims().issuer(issuer).claim("tenant_id", tenantId)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
    }

    /** A token signed with a key the services do not trust. */
    public static String signedByStranger(String tenantId) {
        return STRANGER.mint(tenantId, Duration.ofHours(1));
    }

    public static String bearer(String token) {
        return "Bearer " + token;
    }

    private static JWTClaimsSet.Builder claims() {
        return new JWTClaimsSet.Builder().issuer(TokenIssuer.ISSUER).subject("test").issueTime(new Date());
    }

    private static TokenIssuer newIssuer() {
        try {
            return TokenIssuer.readOrCreate(Files.createTempDirectory("calsync-test-tokens-"), Clock.systemUTC());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
