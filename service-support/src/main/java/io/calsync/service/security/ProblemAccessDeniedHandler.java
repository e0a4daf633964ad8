package io.calsync.service.security;

import io.calsync.service.web.Problems;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;

/** 403 for a valid token without the scope a resource needs (the operator scope for actuator endpoints). */
class ProblemAccessDeniedHandler implements AccessDeniedHandler {

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"insufficient_scope\"");
        Problems.write(response, Problems.of(HttpStatus.FORBIDDEN, "insufficient-scope", "Forbidden",
                "the token does not carry the scope this resource needs"));
    }
}
