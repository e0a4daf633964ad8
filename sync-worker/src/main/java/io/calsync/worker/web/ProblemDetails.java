package io.calsync.worker.web;

import io.calsync.worker.caldav.CalDavException;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error of the API as an RFC 9457 problem detail ({@code application/problem+json}). */
@RestControllerAdvice
public class ProblemDetails extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(e.type());
        problem.setTitle(e.title());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    /** Apple's answers, turned into what the user can do about them. Nothing is saved when these happen. */
    @ExceptionHandler(CalDavException.class)
    ResponseEntity<ProblemDetail> icloud(CalDavException e) {
        return api(toApi(e));
    }

    private static ApiException toApi(CalDavException e) {
        if (e instanceof CalDavException.Unauthorized) {
            return new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "icloud-credentials-rejected",
                    "iCloud rejected these credentials",
                    "iCloud rejected these credentials: use an app-specific password from appleid.apple.com "
                            + "(two-factor authentication must be on), not the Apple ID password");
        }
        if (e instanceof CalDavException.Throttled t) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "icloud-unavailable", "iCloud is busy",
                    "iCloud asked calsync to slow down; try again later",
                    clamp(t.retryAfter().orElse(Duration.ofSeconds(60))));
        }
        if (e instanceof CalDavException.Unreachable || e instanceof CalDavException.ServerError) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "icloud-unavailable", "iCloud is unavailable",
                    "iCloud did not answer usefully (" + (e.status() == 0 ? "no response" : "status " + e.status())
                            + "); nothing was saved, try again later", Duration.ofSeconds(30));
        }
        if (e instanceof CalDavException.ProtocolViolation) {
            return new ApiException(HttpStatus.BAD_GATEWAY, "icloud-protocol", "iCloud answered unexpectedly",
                    "iCloud's answer could not be understood: " + e.getMessage());
        }
        return new ApiException(HttpStatus.BAD_GATEWAY, "icloud-refused", "iCloud refused the request",
                "iCloud refused the request with status " + e.status());
    }

    /** Retry-After toward our callers: at least a second, at most an hour. */
    private static Duration clamp(Duration retryAfter) {
        return retryAfter.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1)
                : retryAfter.compareTo(Duration.ofHours(1)) > 0 ? Duration.ofHours(1) : retryAfter;
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<ProblemDetail> typeMismatch(MethodArgumentTypeMismatchException e) {
        return api(ApiException.invalid("'" + e.getName() + "' is not valid: '" + e.getValue() + "'"));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        // the parser's message names the field and position; it never echoes more than the offending token
        String detail = e.getMostSpecificCause().getMessage();
        int cut = detail == null ? -1 : detail.indexOf("\n");
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "the request body is not valid JSON for this endpoint: "
                        + (detail == null ? "unreadable" : cut > 0 ? detail.substring(0, cut) : detail));
        problem.setTitle("Invalid request");
        return ResponseEntity.badRequest().body(problem);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        StringBuilder detail = new StringBuilder();
        e.getBindingResult().getFieldErrors().forEach(f -> detail.append(detail.isEmpty() ? "" : "; ")
                .append(f.getField()).append(": ").append(f.getDefaultMessage()));
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail.toString());
        problem.setTitle("Invalid request");
        return ResponseEntity.badRequest().body(problem);
    }
}
