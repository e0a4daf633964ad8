package io.calsync.service.security;

import io.calsync.service.web.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Lets a request through to {@code /v1/tenants/{tenantId}/...} only with a token of that tenant; else 404, without
 * repeating the tenant asked for. Tokens without a tenant never get here ({@link TokenRules}) but an operator's.
 */
class TenantGuard implements HandlerInterceptor {

    private final String tenantClaim;

    TenantGuard(String tenantClaim) {
        this.tenantClaim = tenantClaim;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        if (variables == null || !variables.containsKey("tenantId")) {
            return true;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        String tokenTenant = authentication != null && authentication.getPrincipal() instanceof Jwt jwt
                ? jwt.getClaimAsString(tenantClaim) : null;
        if (tokenTenant == null || !tokenTenant.equals(variables.get("tenantId"))) {
            throw ApiException.notFound("the tenant");
        }
        return true;
    }
}
