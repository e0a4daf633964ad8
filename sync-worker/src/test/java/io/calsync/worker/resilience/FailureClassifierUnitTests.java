package io.calsync.worker.resilience;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.worker.caldav.CalDavException;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FailureClassifierUnitTests {

    private final FailureClassifier classifier = new FailureClassifier(Duration.ofMinutes(15), Duration.ofSeconds(30));

    @Test
    void authenticationFailuresPauseTheAccountAndAreNeverRetried() {
        assertThat(classifier.classify(new CalDavException.Unauthorized("PROPFIND x answered 401"), 0, 0.5))
                .isInstanceOf(FailurePolicy.PauseAccount.class);
    }

    @Test
    void throttlingIsRetriedNoSoonerThanRetryAfter() {
        FailurePolicy policy = classifier.classify(new CalDavException.Throttled("PUT x answered 503", 503,
                Duration.ofMinutes(5)), 0, 0.0);

        assertThat(policy).isInstanceOfSatisfying(FailurePolicy.RetryLater.class,
                retry -> assertThat(retry.delay()).isGreaterThanOrEqualTo(Duration.ofMinutes(5)));
    }

    @Test
    void outagesAndTimeoutsAreRetriedWithGrowingDelays() {
        FailurePolicy first = classifier.classify(new CalDavException.Unreachable("timeout", null), 0, 1.0);
        FailurePolicy fifth = classifier.classify(new CalDavException.ServerError("500", 500), 5, 1.0);

        assertThat(((FailurePolicy.RetryLater) fifth).delay()).isGreaterThan(((FailurePolicy.RetryLater) first).delay());
    }

    @Test
    void aCallPastItsDeadlineIsATimeoutAndRetriedLater() {
        FailurePolicy policy = classifier.classify(new CalDavException.Timeout(
                "PROPFIND x did not complete within 60 s (calsync.caldav.call-deadline)", null), 0, 0.5);

        assertThat(policy).isInstanceOf(FailurePolicy.RetryLater.class);
    }

    @Test
    void redirectsAndAnswersOverCalsyncsLimitsAreGivenUp() {
        assertThat(classifier.classify(new CalDavException.Redirected(
                "PROPFIND x answered 303 redirecting to http://elsewhere:80; calsync does not follow redirects", 303), 0, 0.5))
                .isInstanceOfSatisfying(FailurePolicy.GiveUp.class,
                        giveUp -> assertThat(giveUp.reason()).contains("does not follow redirects"));
        assertThat(classifier.classify(new CalDavException.AnswerTooLarge(
                "PROPFIND x answered more than 4194304 bytes"), 0, 0.5)).isInstanceOf(FailurePolicy.GiveUp.class);
    }

    @Test
    void other4xxAreGivenUpAndUnexpectedExceptionsAreBugs() {
        assertThat(classifier.classify(new CalDavException.Forbidden("PUT x answered 403"), 0, 0.5))
                .isInstanceOf(FailurePolicy.GiveUp.class);
        assertThat(classifier.classify(new NullPointerException("oops"), 0, 0.5)).isInstanceOf(FailurePolicy.Bug.class);
    }

    @Test
    void refusalsOfOurOwnGuardsAreRetriedSoon() {
        io.github.resilience4j.circuitbreaker.CircuitBreaker breaker =
                io.github.resilience4j.circuitbreaker.CircuitBreaker.ofDefaults("test");
        breaker.transitionToOpenState();
        FailurePolicy open = classifier.classify(
                io.github.resilience4j.circuitbreaker.CallNotPermittedException.createCallNotPermittedException(breaker), 7, 0.0);

        assertThat(open).isInstanceOfSatisfying(FailurePolicy.RetryLater.class,
                retry -> assertThat(retry.delay()).isEqualTo(Duration.ofSeconds(30)));
    }

    @Test
    void backoffHasJitterIsCappedAndHonoursTheFloor() {
        Duration max = Duration.ofMinutes(15);
        assertThat(FailurePolicy.backoff(0, Optional.empty(), max, 0.0)).isEqualTo(Duration.ofMillis(500));
        assertThat(FailurePolicy.backoff(0, Optional.empty(), max, 1.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(FailurePolicy.backoff(30, Optional.empty(), max, 1.0)).isEqualTo(max);
        assertThat(FailurePolicy.backoff(0, Optional.of(Duration.ofHours(2)), max, 0.0)).isEqualTo(max);
        assertThat(FailurePolicy.backoff(0, Optional.of(Duration.ofSeconds(90)), max, 0.0)).isEqualTo(Duration.ofSeconds(90));
    }
}
