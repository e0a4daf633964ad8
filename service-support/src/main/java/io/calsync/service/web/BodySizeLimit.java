package io.calsync.service.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** Refuses request bodies over 64 KiB with 413 before anything reads them: no API needs more. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimit extends OncePerRequestFilter {

    static final long MAX_BODY_BYTES = 64 * 1024;

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        boolean chunked = length < 0 && "chunked".equalsIgnoreCase(request.getHeader("Transfer-Encoding"));
        if (length > MAX_BODY_BYTES || chunked) {
            Problems.write(response, Problems.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large",
                    "Request body too large", "request bodies are limited to " + MAX_BODY_BYTES
                            + " bytes with a Content-Length"));
            return;
        }
        chain.doFilter(request, response);
    }
}
