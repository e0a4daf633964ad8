package io.calsync.service.security;

import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidationException;

/**
 * Spring Boot's decoder (its keys and its own validators: signature, expiry, issuer-uri, audiences), followed by
 * {@link TokenRules}. Wrapping keeps whatever Boot was configured with; replacing its validator would drop it.
 */
final class ValidatingJwtDecoder implements JwtDecoder {

    private final JwtDecoder delegate;
    private final OAuth2TokenValidator<Jwt> rules;

    ValidatingJwtDecoder(JwtDecoder delegate, OAuth2TokenValidator<Jwt> rules) {
        this.delegate = delegate;
        this.rules = rules;
    }

    @Override
    public Jwt decode(String token) throws JwtException {
        Jwt jwt = delegate.decode(token);
        OAuth2TokenValidatorResult result = rules.validate(jwt);
        if (result.hasErrors()) {
            throw new JwtValidationException("the token breaks calsync's token rules", result.getErrors());
        }
        return jwt;
    }
}
