package io.calsync.service.failure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The one decision for every failure: a scenario per kind, and the back-off's bounds. */
class FailureClassifierUnitTests {

    private final FailureClassifier classifier = new FailureClassifier(Duration.ofMinutes(15), Duration.ofSeconds(30));

    @Test
    void rejectedCredentialsPauseTheAccountAndAreNeverRetried() {
        assertThat(classifier.decide(new Failure.CredentialsRejected("401", Optional.of("acct")), 0, 0.5))
                .isInstanceOf(FailurePolicy.PauseAccount.class);
    }

    @Test
    void throttlingIsRetriedNoSoonerThanRetryAfter() {
        FailurePolicy policy = classifier.decide(new Failure.Throttled("503", Optional.of(Duration.ofMinutes(5))), 0, 0.0);

        assertThat(policy).isEqualTo(new FailurePolicy.RetryLater(Duration.ofMinutes(5), "503"));
    }

    @Test
    void retryAfterIsHonouredUpToTwoHoursAndNeverBeyond() {
        FailurePolicy tenDays = classifier.decide(new Failure.Throttled("429", Optional.of(Duration.ofDays(10))), 0, 0.0);
        FailurePolicy ninetyMinutes = classifier.decide(
                new Failure.Throttled("429", Optional.of(Duration.ofMinutes(90))), 0, 0.0);

        assertThat(((FailurePolicy.RetryLater) tenDays).delay()).isEqualTo(FailureClassifier.MAX_RETRY_AFTER)
                .isEqualTo(Duration.ofHours(2));
        assertThat(((FailurePolicy.RetryLater) ninetyMinutes).delay()).isEqualTo(Duration.ofMinutes(90));
        assertThat(FailureClassifier.honoured(Duration.ofSeconds(-5))).isZero();
        assertThat(FailureClassifier.honoured(Duration.ofSeconds(Long.MAX_VALUE))).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void outagesAndAStoreAwayAreRetriedWithGrowingDelaysUpToTheCap() {
        Duration first = ((FailurePolicy.RetryLater) classifier.decide(new Failure.Unavailable("reset"), 0, 1.0)).delay();
        Duration fifth = ((FailurePolicy.RetryLater) classifier.decide(new Failure.Unavailable("500"), 5, 1.0)).delay();
        Duration late = ((FailurePolicy.RetryLater) classifier.decide(new Failure.StoreUnavailable("08006"), 40, 1.0))
                .delay();

        assertThat(first).isEqualTo(Duration.ofSeconds(1));
        assertThat(((FailurePolicy.RetryLater) classifier.decide(new Failure.Unavailable("reset"), 0, 1.0)).counted())
                .isTrue();
        assertThat(fifth).isEqualTo(Duration.ofSeconds(32));
        assertThat(late).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void backOffHasFullJitterBetweenHalfAndAllOfTheStep() {
        assertThat(((FailurePolicy.RetryLater) classifier.decide(new Failure.Unavailable("x"), 3, 0.0)).delay())
                .isEqualTo(Duration.ofSeconds(4));
        assertThat(((FailurePolicy.RetryLater) classifier.decide(new Failure.Unavailable("x"), 3, 0.99)).delay())
                .isBetween(Duration.ofSeconds(7), Duration.ofSeconds(8));
    }

    @Test
    void anOpenCircuitWaitsForTheBreakerWithoutCountingAttempts() {
        assertThat(classifier.decide(new Failure.CircuitOpen("open"), 7, 0.0))
                .isEqualTo(new FailurePolicy.RetryLater(Duration.ofSeconds(30), "open", false));
    }

    @Test
    void calsyncsOwnLimitsAreRetriedWithinTwoSeconds() {
        FailurePolicy.RetryLater busy = (FailurePolicy.RetryLater) classifier.decide(new Failure.Busy("rate"), 9, 0.99);

        assertThat(busy.delay()).isBetween(Duration.ofMillis(500), Duration.ofSeconds(2));
        assertThat(busy.counted()).isFalse();
    }

    @Test
    void refusedRequestsAndUnreadableRecordsAreGivenUpAtOnce() {
        assertThat(classifier.decide(new Failure.Refused("403"), 0, 0.5)).isEqualTo(new FailurePolicy.GiveUp("403"));
        assertThat(classifier.decide(new Failure.Unreadable("bad JSON"), 0, 0.5))
                .isEqualTo(new FailurePolicy.GiveUp("bad JSON"));
    }

    @Test
    void defectsAreBugsRetriedSlowly() {
        FailurePolicy bug = classifier.decide(new Failure.Defect("NullPointerException"), 0, 0.0);

        assertThat(bug).isInstanceOfSatisfying(FailurePolicy.Bug.class,
                b -> assertThat(b.delay()).isEqualTo(Duration.ofSeconds(8)));
    }
}
