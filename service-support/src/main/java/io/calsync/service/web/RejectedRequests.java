package io.calsync.service.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

/**
 * Answers what Spring Security's firewall rejects (encoded slashes, control characters in the path, parameters or
 * headers, unknown HTTP methods) with a 400 problem instead of the servlet container's error page. The firewall's
 * reason quotes the request, so the answer does not repeat it.
 */
class RejectedRequests implements RequestRejectedHandler {

    private static final Logger log = LoggerFactory.getLogger(RejectedRequests.class);

    static ProblemDetail problem() {
        return Problems.of(HttpStatus.BAD_REQUEST, "request-rejected", "Request rejected",
                "the request's method, path, parameters or headers hold characters or sequences calsync does not accept");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        log.debug("Rejected an unsafe request: {}", e.getMessage());
        Problems.write(response, problem());
    }
}
