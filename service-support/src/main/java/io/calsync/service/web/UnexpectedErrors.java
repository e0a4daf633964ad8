package io.calsync.service.web;

import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The last resort: an exception nothing else maps is a bug or an outage. The caller gets a 500 problem with an
 * error id and nothing of the exception; the log gets the id with the whole exception. Ordered last, so the
 * services' own advice (e.g. for iCloud failures) and {@link ProblemDetails} see exceptions first.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class UnexpectedErrors {

    private static final Logger log = LoggerFactory.getLogger(UnexpectedErrors.class);

    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        return ResponseEntity.internalServerError().body(problem(HttpStatus.INTERNAL_SERVER_ERROR, e));
    }

    /** A 5xx problem for {@code e} (may be null when only the status is known), its error id logged with it. */
    static ProblemDetail problem(HttpStatusCode status, Throwable e) {
        String errorId = log(e);
        ProblemDetail problem = Problems.of(status, "internal-error", "Internal error",
                "calsync could not answer this request; quote error id " + errorId + " when reporting it");
        problem.setProperty("errorId", errorId);
        return problem;
    }

    static String log(Throwable e) {
        String errorId = UUID.randomUUID().toString();
        log.error("Unexpected error {} answered with a 500 problem", errorId, e);
        return errorId;
    }
}
