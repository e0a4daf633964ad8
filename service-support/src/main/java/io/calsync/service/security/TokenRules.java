package io.calsync.service.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;

/**
 * calsync's rules for a token, on top of the signature and time checks of the decoder Spring Boot builds: it
 * expires ({@code exp} present: a token without one would be valid forever), it comes from the configured issuer
 * when one is configured, and it names a tenant unless it is an operator's.
 */
final class TokenRules {

    private TokenRules() {
    }

    static OAuth2TokenValidator<Jwt> of(SecurityProperties properties) {
        List<OAuth2TokenValidator<Jwt>> rules = new ArrayList<>();
        rules.add(new JwtClaimValidator<>(JwtClaimNames.EXP, exp -> exp != null));
        if (properties.issuer() != null && !properties.issuer().isBlank()) {
            rules.add(new JwtIssuerValidator(properties.issuer()));
        }
        rules.add(tenantOrOperator(properties));
        return new DelegatingOAuth2TokenValidator<>(rules);
    }

    private static OAuth2TokenValidator<Jwt> tenantOrOperator(SecurityProperties properties) {
        OAuth2Error missing = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
                "The token names no tenant (claim " + properties.tenantClaim() + ")", null);
        return jwt -> {
            Object tenant = jwt.getClaims().get(properties.tenantClaim());
            boolean named = tenant instanceof String s && !s.isBlank();
            return named || hasScope(jwt, properties.operatorScope())
                    ? OAuth2TokenValidatorResult.success() : OAuth2TokenValidatorResult.failure(missing);
        };
    }

    /** The scopes as Spring Security reads them: a space-separated {@code scope} or {@code scp} string, or a list. */
    private static boolean hasScope(Jwt jwt, String scope) {
        for (String claim : List.of("scope", "scp")) {
            Object value = jwt.getClaims().get(claim);
            if (value instanceof String s && List.of(s.trim().split("\\s+")).contains(scope)) {
                return true;
            }
            if (value instanceof Collection<?> c && c.contains(scope)) {
                return true;
            }
        }
        return false;
    }
}
