package io.calsync.availability.domain;

import static io.calsync.availability.domain.Times.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FreshnessPolicyUnitTests {

    private static final Instant NOW = utc("2026-12-07T12:00");
    private static final Interval WINDOW = utc("2026-12-07T12:00", "2026-12-08T12:00");
    private static final IntervalSet MATERIALIZED = IntervalSet.of(utc("2026-12-07T14:00", "2026-12-07T15:00"));

    private final FreshnessPolicy policy = new FreshnessPolicy(Clock.fixed(NOW, ZoneOffset.UTC));

    private static CalendarStatus<String> calendar(String name, CalendarState state, Duration syncedAgo) {
        return new CalendarStatus<>(name, state, Optional.ofNullable(syncedAgo).map(NOW::minus));
    }

    private static FreshnessSettings settings(StalePolicy stalePolicy) {
        return new FreshnessSettings(Duration.ofMinutes(15), stalePolicy);
    }

    @Test
    void freshCalendarsLeaveBusyTimeAsMaterialized() {
        Freshness<String> freshness = policy.assess(List.of(calendar("work", CalendarState.OK, Duration.ofMinutes(15)),
                calendar("home", CalendarState.OK, Duration.ofMinutes(1))), FreshnessSettings.DEFAULTS);

        assertThat(freshness.anyStale()).isFalse();
        assertThat(freshness.anyFailing()).isFalse();
        assertThat(freshness.verdict()).isEqualTo(BusyVerdict.AS_MATERIALIZED);
        assertThat(freshness.busyTime(MATERIALIZED, WINDOW)).isEqualTo(MATERIALIZED);
    }

    @Test
    void aCalendarNotSyncedWithinTheThresholdIsStaleAndByDefaultMakesTheWholeWindowBusy() {
        Freshness<String> freshness = policy.assess(List.of(
                calendar("work", CalendarState.OK, Duration.ofMinutes(15).plusSeconds(1)),
                calendar("home", CalendarState.OK, Duration.ofMinutes(1))), FreshnessSettings.DEFAULTS);

        assertThat(freshness.calendars()).extracting(CalendarFreshness::stale).containsExactly(true, false);
        assertThat(freshness.verdict()).isEqualTo(BusyVerdict.WHOLE_WINDOW);
        assertThat(freshness.busyTime(MATERIALIZED, WINDOW)).isEqualTo(IntervalSet.of(WINDOW));
    }

    @Test
    void aCalendarNeverSyncedIsStale() {
        assertThat(policy.assess(List.of(calendar("new", CalendarState.OK, null)), FreshnessSettings.DEFAULTS)
                .calendars()).singleElement().satisfies(c -> assertThat(c.stale()).isTrue());
    }

    @Test
    void failingAndPausedCalendarsAreFailingEvenWhenRecentlySynced() {
        Freshness<String> freshness = policy.assess(List.of(
                calendar("work", CalendarState.FAILING, Duration.ofMinutes(2)),
                calendar("old", CalendarState.PAUSED, Duration.ofMinutes(2))), FreshnessSettings.DEFAULTS);

        assertThat(freshness.calendars()).extracting(CalendarFreshness::failing).containsExactly(true, true);
        assertThat(freshness.anyStale()).isFalse();
        assertThat(freshness.verdict()).isEqualTo(BusyVerdict.WHOLE_WINDOW);
    }

    @Test
    void lastKnownKeepsTheMaterializedBusyTimeButStillFlagsTheCalendar() {
        Freshness<String> freshness = policy.assess(List.of(calendar("work", CalendarState.FAILING, Duration.ofHours(3))),
                settings(StalePolicy.LAST_KNOWN));

        assertThat(freshness.anyStale()).isTrue();
        assertThat(freshness.anyFailing()).isTrue();
        assertThat(freshness.busyTime(MATERIALIZED, WINDOW)).isEqualTo(MATERIALIZED);
    }

    @Test
    void failPolicyRefusesToAnswerNamingTheUntrustedCalendars() {
        Freshness<String> freshness = policy.assess(List.of(calendar("work", CalendarState.OK, Duration.ofHours(1)),
                calendar("home", CalendarState.OK, Duration.ofMinutes(1))), settings(StalePolicy.FAIL));

        assertThat(freshness.verdict()).isEqualTo(BusyVerdict.FAIL);
        assertThatThrownBy(() -> freshness.busyTime(MATERIALIZED, WINDOW))
                .isInstanceOfSatisfying(StaleCalendarsException.class, e -> assertThat(e.untrusted())
                        .extracting(c -> (Object) c.calendar()).containsExactly("work"));
    }

    @Test
    void stoppedCalendarsAreNoLongerSourcesAndNeverMakeAnyoneBusy() {
        Freshness<String> freshness = policy.assess(List.of(calendar("gone", CalendarState.STOPPED, Duration.ofDays(9))),
                settings(StalePolicy.FAIL));

        assertThat(freshness.calendars()).singleElement().satisfies(c -> {
            assertThat(c.stale()).isFalse();
            assertThat(c.failing()).isFalse();
        });
        assertThat(freshness.verdict()).isEqualTo(BusyVerdict.AS_MATERIALIZED);
        assertThat(freshness.noCalendarRead()).isTrue();
    }

    @Test
    void aUserWithoutCalendarsIsAnsweredFromAppointmentsAndNativeSlots() {
        Freshness<String> freshness = policy.assess(List.<CalendarStatus<String>>of(), FreshnessSettings.DEFAULTS);

        assertThat(freshness.noCalendarRead()).isTrue();
        assertThat(freshness.busyTime(MATERIALIZED, WINDOW)).isEqualTo(MATERIALIZED);
    }

    @Test
    void theThresholdMustBePositive() {
        assertThatThrownBy(() -> new FreshnessSettings(Duration.ZERO, StalePolicy.BUSY))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("staleAfter"));
        assertThat(FreshnessSettings.DEFAULTS).isEqualTo(new FreshnessSettings(Duration.ofMinutes(15), StalePolicy.BUSY));
    }
}
