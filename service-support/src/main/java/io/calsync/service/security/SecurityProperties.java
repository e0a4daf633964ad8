package io.calsync.service.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a token must carry. The keys that verify tokens are Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} settings (issuer-uri, jwk-set-uri or public-key-location);
 * these settings add calsync's own rules on top.
 *
 * @param tenantClaim   the JWT claim holding the tenant id the token may act for; a token needs it (or the operator
 *                      scope), else it is rejected as {@code invalid_token}
 * @param operatorScope the scope (in the {@code scope} or {@code scp} claim) that lets a token read {@code /actuator/**}
 *                      beyond health: metrics span every tenant, so only operators see them
 * @param issuer        when set, the {@code iss} a token must carry; unset, any issuer of a trusted key is accepted
 */
@ConfigurationProperties("calsync.security")
public record SecurityProperties(@DefaultValue("tenant_id") String tenantClaim,
        @DefaultValue("calsync.operator") String operatorScope, String issuer) {

    /** The granted authority Spring Security derives from the operator scope. */
    public String operatorAuthority() {
        return "SCOPE_" + operatorScope;
    }
}
