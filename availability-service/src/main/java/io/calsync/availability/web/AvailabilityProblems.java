package io.calsync.availability.web;

import io.calsync.availability.domain.InvalidFieldException;
import io.calsync.availability.domain.StaleCalendarsException;
import io.calsync.service.web.ApiException;
import io.calsync.service.web.ProblemDetails;
import io.calsync.service.web.Problems;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The availability API's own refusals as problems: a domain refusal is a 400 naming the field (also as the
 * {@code field} member); a request the tenant's stale policy refuses, a 503 with {@code Retry-After} (one PostgreSQL
 * cannot answer now is a 503 of {@code ProblemDetails}, shared by both services).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class AvailabilityProblems {

    @ExceptionHandler(InvalidFieldException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidFieldException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request",
                "'" + e.field() + "' " + e.reason());
        problem.setProperty("field", e.field());
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(StaleCalendarsException.class)
    ResponseEntity<ProblemDetail> stale(StaleCalendarsException e) {
        return ProblemDetails.response(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "calendars-not-fresh",
                "Calendar data not fresh", e.untrusted().size() + " of the user's calendars are stale or failing, and "
                + "the tenant's stale policy is FAIL; ask again later or see the busy answer's freshness",
                Duration.ofSeconds(60)));
    }
}
