package io.calsync.service.web;

import java.time.Duration;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Every error of the API as an RFC 9457 problem detail ({@code application/problem+json}). Spring's own details
 * quote the request (values, paths, media types) and name Java types and methods: each is replaced here by a fixed
 * text that names at most the parameter or field.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE - 1)
public class ProblemDetails extends ResponseEntityExceptionHandler {

    @ExceptionHandler(ApiException.class)
    ResponseEntity<ProblemDetail> api(ApiException e) {
        return response(e);
    }

    /** The problem-detail response for {@code e}, for other advice of the services that map their own exceptions. */
    public static ResponseEntity<ProblemDetail> response(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        problem.setType(e.type());
        problem.setTitle(e.title());
        ResponseEntity.BodyBuilder response = ResponseEntity.status(e.status());
        if (e.retryAfter() != null) {
            response.header(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, e.retryAfter().toSeconds())));
        }
        return response.body(problem);
    }

    /**
     * PostgreSQL cannot answer now (down, restarting, or it aborted the transaction to break a deadlock and the
     * retries did not get through): nothing of the request was saved, and asking again shortly is the right thing to
     * do, so a 503 with {@code Retry-After}, not a 500.
     */
    @ExceptionHandler({TransientDataAccessException.class, DataAccessResourceFailureException.class})
    ResponseEntity<ProblemDetail> databaseUnavailable(RuntimeException e) {
        return response(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "temporarily-unavailable",
                "Temporarily unavailable", "calsync cannot complete this request right now; nothing was changed, "
                        + "try again shortly", Duration.ofSeconds(5)));
    }

    /** Spring Security's firewall, when it inspects a parameter or header only once the controller reads it. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<ProblemDetail> rejected(RequestRejectedException e) {
        return ResponseEntity.badRequest().body(RejectedRequests.problem());
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return super.handleExceptionInternal(e, safe(e, status), headers, status, request);
    }

    private static ProblemDetail safe(Exception e, HttpStatusCode status) {
        if (e instanceof HttpMessageNotReadableException unreadable) {
            return invalid(JsonBodyErrors.describe(unreadable));
        }
        if (e instanceof MethodArgumentNotValidException invalid) {
            StringJoiner detail = new StringJoiner("; ");
            invalid.getBindingResult().getFieldErrors().forEach(f -> detail.add(f.getField() + ": " + f.getDefaultMessage()));
            return invalid(detail.length() == 0 ? "the request body is not valid" : detail.toString());
        }
        if (e instanceof HandlerMethodValidationException invalid) {
            StringJoiner detail = new StringJoiner("; ");
            invalid.getParameterValidationResults().forEach(r -> detail.add(r.getMethodParameter().getParameterName()
                    + ": " + r.getResolvableErrors().stream().map(m -> m.getDefaultMessage()).findFirst().orElse("invalid")));
            return invalid(detail.toString());
        }
        if (e instanceof TypeMismatchException mismatch) {
            return invalid("'" + mismatch.getPropertyName() + "' must be " + expected(mismatch.getRequiredType()));
        }
        if (e instanceof MissingServletRequestParameterException missing) {
            return invalid("the query parameter '" + missing.getParameterName() + "' is required");
        }
        if (e instanceof NoResourceFoundException || e instanceof NoHandlerFoundException) {
            return Problems.of(status, "not-found", "Not found", "there is no resource at this path");
        }
        if (e instanceof HttpRequestMethodNotSupportedException method) {
            Set<HttpMethod> allowed = method.getSupportedHttpMethods();
            return Problems.of(status, "method-not-allowed", "Method not allowed", "this resource does not support "
                    + "that method" + (allowed == null || allowed.isEmpty() ? "" : "; it supports " + allowed));
        }
        if (e instanceof HttpMediaTypeNotSupportedException) {
            return Problems.of(status, "unsupported-media-type", "Unsupported media type",
                    "send the request body as application/json");
        }
        if (e instanceof HttpMediaTypeNotAcceptableException) {
            return Problems.of(status, "not-acceptable", "Not acceptable",
                    "this resource answers application/json, and errors as application/problem+json");
        }
        if (e instanceof MaxUploadSizeExceededException) {
            return Problems.of(HttpStatus.CONTENT_TOO_LARGE, "body-too-large", "Request body too large",
                    "request bodies are limited to " + BodySizeLimit.MAX_BODY_BYTES + " bytes");
        }
        if (status.is5xxServerError()) {
            return UnexpectedErrors.problem(status, e);
        }
        return Problems.ofStatus(status, "the request cannot be processed as sent");
    }

    private static ProblemDetail invalid(String detail) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }

    /** The expected form in the caller's terms, not a Java type name. */
    private static String expected(Class<?> type) {
        if (type == null) {
            return "of the documented form";
        }
        if (UUID.class.equals(type)) {
            return "a UUID";
        }
        if (Boolean.class.equals(type) || boolean.class.equals(type)) {
            return "true or false";
        }
        if (Number.class.isAssignableFrom(type) || (type.isPrimitive() && !char.class.equals(type))) {
            return "a number in range";
        }
        return "of the documented form";
    }
}
