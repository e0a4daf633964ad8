package io.calsync.infra;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

/**
 * A stand-in for an identity provider, for the local run and the tests: an RSA key pair in a directory (the
 * private key readable by its owner only), whose public key the services trust, signing bearer tokens that carry
 * a tenant, or operators' tokens that may read the actuator endpoints.
 */
public final class TokenIssuer {

    public static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);
    /** The {@code iss} of every token made here; a service may require it ({@code calsync.security.issuer}). */
    public static final String ISSUER = "calsync-local";
    /** The scope of operators' tokens, calsync's default {@code calsync.security.operator-scope}. */
    public static final String OPERATOR_SCOPE = "calsync.operator";
    private static final String PRIVATE_KEY = "jwt-signing-key.pem";
    private static final String PUBLIC_KEY = "jwt-public-key.pem";

    private final Path home;
    private final PrivateKey signingKey;
    private final Clock clock;

    private TokenIssuer(Path home, PrivateKey signingKey, Clock clock) {
        this.home = home;
        this.signingKey = signingKey;
        this.clock = clock;
    }

    /** Whether {@code home} holds a signing key already. */
    public static boolean existsIn(Path home) {
        return Files.exists(home.resolve(PRIVATE_KEY));
    }

    /** Where the signing key lives (or will) in {@code home}. */
    public static Path signingKeyIn(Path home) {
        return home.resolve(PRIVATE_KEY);
    }

    /** The issuer whose keys live in {@code home}, made there on first use. */
    public static TokenIssuer readOrCreate(Path home, Clock clock) {
        try {
            Path privateKey = home.resolve(PRIVATE_KEY);
            if (!Files.exists(privateKey)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair keys = generator.generateKeyPair();
                Files.createDirectories(home);
                Files.createFile(privateKey, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(privateKey, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
                Files.writeString(home.resolve(PUBLIC_KEY), pem("PUBLIC KEY", keys.getPublic().getEncoded()));
            }
            byte[] pkcs8 = Base64.getMimeDecoder().decode(Files.readString(privateKey)
                    .replaceAll("-----[A-Z ]+-----", "").trim());
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
            return new TokenIssuer(home, key, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local token keys in " + home, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the local token key in " + home + " is unreadable; delete "
                    + PRIVATE_KEY + " and " + PUBLIC_KEY + " to make new ones", e);
        }
    }

    /** For {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    public String publicKeyLocation() {
        return "file:" + home.resolve(PUBLIC_KEY);
    }

    /** A token for {@code tenantId}, valid from now for {@code lifetime}. */
    public String mint(String tenantId, Duration lifetime) {
        return mint(tenantId, clock.instant(), clock.instant().plus(lifetime));
    }

    /** A token for {@code tenantId} issued at {@code issuedAt}, expiring at {@code expiresAt} (which may be past). */
    public String mint(String tenantId, Instant issuedAt, Instant expiresAt) {
        return sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject("local-developer").claim("tenant_id", tenantId)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .build());
    }

    /** An operator's token: no tenant, the operator scope; reads metrics and the other actuator endpoints. */
    public String mintOperator(Duration lifetime) {
        Instant now = clock.instant();
        return sign(new JWTClaimsSet.Builder()
                .issuer(ISSUER).subject("local-operator").claim("scope", OPERATOR_SCOPE)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(lifetime)))
                .build());
    }

    /** Any claims, signed with this issuer's key (tests make tokens that break one rule at a time with it). */
    public String sign(JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
            jwt.sign(new RSASSASigner(signingKey));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException("signing a local token failed", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
