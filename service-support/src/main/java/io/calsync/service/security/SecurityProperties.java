package io.calsync.service.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How tokens name their tenant. The keys that verify tokens are Spring Boot's
 * {@code spring.security.oauth2.resourceserver.jwt.*} settings (issuer-uri, jwk-set-uri or public-key-location).
 *
 * @param tenantClaim the JWT claim holding the tenant id the token may act for
 */
@ConfigurationProperties("calsync.security")
public record SecurityProperties(@DefaultValue("tenant_id") String tenantClaim) {
}
