package io.calsync.service.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * calsync's token rules on their own (service-support has no test dependencies, so they are tested here; the
 * services' integration tests check the same rules through HTTP).
 */
class TokenRulesUnitTests {

    private static final SecurityProperties DEFAULTS = new SecurityProperties("tenant_id", "calsync.operator", null);
    private static final SecurityProperties WITH_ISSUER = new SecurityProperties("tenant_id", "calsync.operator", "https://idp.test");

    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder builder = Jwt.withTokenValue("t").header("alg", "RS256");
        claims.forEach(builder::claim);
        return builder.build();
    }

    private static final Instant LATER = Instant.now().plusSeconds(3600);

    @Test
    void aTokenWithTenantAndExpiryPasses() {
        assertThat(TokenRules.of(DEFAULTS).validate(jwt(Map.of("tenant_id", "acme", "exp", LATER))).hasErrors()).isFalse();
    }

    @Test
    void withoutExpiryItFails() {
        assertThat(TokenRules.of(DEFAULTS).validate(jwt(Map.of("tenant_id", "acme"))).hasErrors()).isTrue();
    }

    @Test
    void withoutTenantItFailsAsInvalidToken_unlessItIsAnOperators() {
        var result = TokenRules.of(DEFAULTS).validate(jwt(Map.of("exp", LATER, "sub", "x")));
        assertThat(result.getErrors()).extracting(e -> e.getErrorCode()).contains("invalid_token");
        assertThat(TokenRules.of(DEFAULTS).validate(jwt(Map.of("exp", LATER, "tenant_id", " "))).hasErrors()).isTrue();
        assertThat(TokenRules.of(DEFAULTS).validate(jwt(Map.of("exp", LATER, "scope", "read calsync.operator"))).hasErrors()).isFalse();
        assertThat(TokenRules.of(DEFAULTS).validate(jwt(Map.of("exp", LATER, "scp", List.of("calsync.operator")))).hasErrors()).isFalse();
    }

    @Test
    void aConfiguredIssuerIsRequired_noneConfiguredAcceptsAny() {
        assertThat(TokenRules.of(WITH_ISSUER).validate(jwt(Map.of("tenant_id", "a", "exp", LATER, "iss", "https://idp.test"))).hasErrors()).isFalse();
        assertThat(TokenRules.of(WITH_ISSUER).validate(jwt(Map.of("tenant_id", "a", "exp", LATER, "iss", "https://evil.test"))).hasErrors()).isTrue();
        assertThat(TokenRules.of(WITH_ISSUER).validate(jwt(Map.of("tenant_id", "a", "exp", LATER))).hasErrors()).isTrue();
        assertThat(TokenRules.of(DEFAULTS).validate(jwt(Map.of("tenant_id", "a", "exp", LATER, "iss", "https://evil.test"))).hasErrors()).isFalse();
    }
}
