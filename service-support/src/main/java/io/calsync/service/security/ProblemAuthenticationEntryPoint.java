package io.calsync.service.security;

import io.calsync.service.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * 401 with {@code WWW-Authenticate: Bearer} (RFC 6750 section 3) and a problem body. Unlike Spring Security's
 * entry point it adds nothing built from the request: no {@code resource_metadata} URL from the Host header, no
 * error description quoting the token.
 */
class ProblemAuthenticationEntryPoint implements AuthenticationEntryPoint {

    /** RFC 6750 error codes; any other code the framework might report is left out rather than repeated. */
    private static final Set<String> KNOWN_ERRORS = Set.of(OAuth2ErrorCodes.INVALID_TOKEN,
            OAuth2ErrorCodes.INVALID_REQUEST, OAuth2ErrorCodes.INSUFFICIENT_SCOPE);

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String error = e instanceof OAuth2AuthenticationException oauth
                && KNOWN_ERRORS.contains(oauth.getError().getErrorCode()) ? oauth.getError().getErrorCode() : null;
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, error == null ? "Bearer" : "Bearer error=\"" + error + "\"");
        Problems.write(response, error == null
                ? Problems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                        "this resource needs a bearer token (Authorization: Bearer <JWT>)")
                : Problems.of(HttpStatus.UNAUTHORIZED, "invalid-token", "Invalid token", "the bearer token is "
                        + "malformed, expired, not signed by a trusted key, from another issuer or lacks a required claim"));
    }
}
