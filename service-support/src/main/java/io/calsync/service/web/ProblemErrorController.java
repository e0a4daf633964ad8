package io.calsync.service.web;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The servlet container's error page, in place of Spring Boot's: whatever ends there (an error a filter sent, an
 * exception outside Spring MVC) is answered as a problem. Called directly, {@code /error} is no resource: 404, never
 * Boot's status 999.
 */
@RestController
@Hidden // the container's plumbing, not part of the API
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : HttpStatus.NOT_FOUND;
        if (status == null || status.is2xxSuccessful()) {
            status = HttpStatus.INTERNAL_SERVER_ERROR;
        }
        ProblemDetail problem;
        if (status.is5xxServerError()) {
            problem = UnexpectedErrors.problem(status, (Throwable) request.getAttribute(RequestDispatcher.ERROR_EXCEPTION));
        } else if (status == HttpStatus.NOT_FOUND) {
            problem = Problems.of(status, "not-found", "Not found", "there is no resource at this path");
        } else {
            problem = Problems.ofStatus(status, "the request cannot be processed as sent");
        }
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
}
