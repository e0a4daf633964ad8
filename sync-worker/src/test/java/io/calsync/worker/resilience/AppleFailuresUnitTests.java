package io.calsync.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.service.failure.Failure;
import io.calsync.worker.caldav.CalDavException;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;

/** Every failure of a call to Apple, in calsync's terms: what the classifier decides on. */
class AppleFailuresUnitTests {

    @Test
    void a401IsRejectedCredentialsOfTheAccountTheGuardNamed() {
        Failure failure = AppleFailures.of(new CalDavException.Unauthorized("PUT x answered 401").of("acct-1"));

        assertThat(failure).isEqualTo(new Failure.CredentialsRejected(
                "iCloud rejected the account's app-specific password", Optional.of("acct-1")));
    }

    @Test
    void throttlingCarriesRetryAfterAsTheServerSaidIt() {
        Failure failure = AppleFailures.of(new CalDavException.Throttled("PUT x answered 503", 503, Duration.ofDays(3)));

        assertThat(failure).isInstanceOfSatisfying(Failure.Throttled.class,
                throttled -> assertThat(throttled.retryAfter()).contains(Duration.ofDays(3)));
    }

    @Test
    void outagesTimeoutsAnd5xxAreAppleUnavailable() {
        assertThat(AppleFailures.of(new CalDavException.Unreachable("reset", null))).isInstanceOf(Failure.Unavailable.class);
        assertThat(AppleFailures.of(new CalDavException.Timeout("PUT x did not complete within 60 s", null)))
                .isInstanceOf(Failure.Unavailable.class);
        assertThat(AppleFailures.of(new CalDavException.ServerError("PUT x answered 500", 500)))
                .isInstanceOf(Failure.Unavailable.class);
        assertThat(AppleFailures.of(new CalDavException.InsufficientStorage("PUT x answered 507")))
                .isInstanceOf(Failure.Unavailable.class);
    }

    @Test
    void other4xxRedirectsAndAnswersOverCalsyncsLimitsAreRefused() {
        assertThat(AppleFailures.of(new CalDavException.Forbidden("PUT x answered 403")))
                .isInstanceOf(Failure.Refused.class);
        assertThat(AppleFailures.of(new CalDavException.Redirected(
                "PROPFIND x answered 303 redirecting to http://elsewhere:80; calsync does not follow redirects", 303)))
                .isInstanceOfSatisfying(Failure.Refused.class,
                        refused -> assertThat(refused.detail()).contains("does not follow redirects"));
        assertThat(AppleFailures.of(new CalDavException.AnswerTooLarge("PROPFIND x answered more than 4194304 bytes")))
                .isInstanceOf(Failure.Refused.class);
    }

    @Test
    void calsyncsOwnGuardsAreAnOpenCircuitOrBusy() {
        CircuitBreaker breaker = CircuitBreaker.ofDefaults("test");
        breaker.transitionToOpenState();

        assertThat(AppleFailures.of(CallNotPermittedException.createCallNotPermittedException(breaker)))
                .isInstanceOf(Failure.CircuitOpen.class);
        assertThat(AppleFailures.of(RequestNotPermitted.createRequestNotPermitted(RateLimiter.ofDefaults("acct"))))
                .isInstanceOf(Failure.Busy.class);
        assertThat(AppleFailures.of(BulkheadFullException.createBulkheadFullException(Bulkhead.ofDefaults("apple"))))
                .isInstanceOf(Failure.Busy.class);
    }

    @Test
    void postgresqlAwayIsTheStoreAndAnythingElseADefect() {
        assertThat(AppleFailures.of(new DataAccessResourceFailureException("claim",
                new SQLException("connection refused", "08001")))).isInstanceOf(Failure.StoreUnavailable.class);
        assertThat(AppleFailures.of(new NullPointerException("oops"))).isInstanceOf(Failure.Defect.class);
    }
}
