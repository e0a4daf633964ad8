package io.calsync.standalone;

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
import java.util.Base64;
import java.util.Date;

/**
 * The local run's stand-in for an identity provider: an RSA key pair in the calsync home (private key readable by
 * its owner only), the services trust its public key, and it signs bearer tokens that carry a tenant.
 */
final class LocalTokens {

    static final Duration DEFAULT_LIFETIME = Duration.ofHours(12);
    private static final String PRIVATE_KEY = "jwt-signing-key.pem";
    private static final String PUBLIC_KEY = "jwt-public-key.pem";

    private final Path home;
    private final PrivateKey signingKey;
    private final Clock clock;

    private LocalTokens(Path home, PrivateKey signingKey, Clock clock) {
        this.home = home;
        this.signingKey = signingKey;
        this.clock = clock;
    }

    static LocalTokens readOrCreate(Path home, Clock clock) {
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
            return new LocalTokens(home, key, clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the local token keys in " + home, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the local token key in " + home + " is unreadable; delete "
                    + PRIVATE_KEY + " and " + PUBLIC_KEY + " to make new ones", e);
        }
    }

    /** For {@code spring.security.oauth2.resourceserver.jwt.public-key-location}. */
    String publicKeyLocation() {
        return "file:" + home.resolve(PUBLIC_KEY);
    }

    String mint(String tenantId, Duration lifetime) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder()
                    .issuer("calsync-local").subject("local-developer").claim("tenant_id", tenantId)
                    .issueTime(Date.from(clock.instant()))
                    .expirationTime(Date.from(clock.instant().plus(lifetime)))
                    .build();
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
