package io.calsync.service.web;

import java.net.URI;
import java.time.Duration;
import org.springframework.http.HttpStatus;

/**
 * An error the API reports as an RFC 9457 problem: a status, a stable type URI, a title and a detail that
 * tells the caller what to do. Details never contain credentials.
 */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final String type;
    private final String title;
    private final Duration retryAfter;

    public ApiException(HttpStatus status, String type, String title, String detail) {
        this(status, type, title, detail, null);
    }

    public ApiException(HttpStatus status, String type, String title, String detail, Duration retryAfter) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.retryAfter = retryAfter;
    }

    public static ApiException notFound(String what) {
        return new ApiException(HttpStatus.NOT_FOUND, "not-found", "Not found", what + " does not exist");
    }

    public static ApiException invalid(String detail) {
        return new ApiException(HttpStatus.BAD_REQUEST, "invalid-request", "Invalid request", detail);
    }

    public HttpStatus status() {
        return status;
    }

    public URI type() {
        return Problems.type(type);
    }

    public String title() {
        return title;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
