package io.calsync.worker.account;

import io.calsync.service.failure.FailureClassifier;
import io.calsync.service.web.ApiException;
import io.calsync.service.web.ProblemDetails;
import io.calsync.worker.caldav.CalDavException;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** What the API answers when a call to iCloud made on the caller's behalf failed. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ICloudProblems {

    /** Apple's answers, turned into what the user can do about them. Nothing is saved when these happen. */
    @ExceptionHandler(CalDavException.class)
    ResponseEntity<ProblemDetail> icloud(CalDavException e) {
        return ProblemDetails.response(toApi(e));
    }

    /** calsync's own guards refused the call: Apple is failing (open circuit), or too busy for now. */
    @ExceptionHandler({CallNotPermittedException.class, RequestNotPermitted.class, BulkheadFullException.class})
    ResponseEntity<ProblemDetail> guarded(RuntimeException e) {
        Duration retryAfter = e instanceof CallNotPermittedException ? Duration.ofSeconds(30) : Duration.ofSeconds(2);
        return ProblemDetails.response(new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "icloud-unavailable",
                "iCloud is unavailable", "calls to iCloud are paused for a moment ("
                        + (e instanceof CallNotPermittedException ? "iCloud has been failing" : "too many calls at once")
                        + "); nothing was saved, try again later", retryAfter));
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
                    toCaller(t.retryAfter().orElse(Duration.ofSeconds(60))));
        }
        if (e instanceof CalDavException.Timeout) {
            return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "icloud-unavailable", "iCloud is unavailable",
                    "iCloud did not answer in time; nothing was saved, try again later", Duration.ofSeconds(30));
        }
        if (e instanceof CalDavException.Redirected) {
            return new ApiException(HttpStatus.BAD_GATEWAY, "icloud-redirect", "iCloud answered with a redirect",
                    e.getMessage() + ": the credentials were not sent there; nothing was saved");
        }
        if (e instanceof CalDavException.AnswerTooLarge) {
            return new ApiException(HttpStatus.BAD_GATEWAY, "icloud-answer-too-large", "iCloud's answer is too large",
                    e.getMessage());
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

    /** Apple's Retry-After toward our callers: what calsync honours of it ({@link FailureClassifier}), at least 1 s. */
    private static Duration toCaller(Duration retryAfter) {
        Duration honoured = FailureClassifier.honoured(retryAfter);
        return honoured.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : honoured;
    }
}
