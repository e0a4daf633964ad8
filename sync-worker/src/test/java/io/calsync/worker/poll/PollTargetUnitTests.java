package io.calsync.worker.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.CalendarRole;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/**
 * What a calendar's slots are computed with: any change of role, rules or zone makes the poller compute them again
 * from storage ({@code published_with} differs), and nothing else does.
 */
class PollTargetUnitTests {

    private static final PollTarget TARGET = PollTargets.calendar(BusyRules.DEFAULT, "Europe/Berlin");

    @Test
    void theSameSettingsGiveTheSameComputation() {
        PollTarget same = TARGET.withSettings(CalendarRole.CONFLICT, new BusyRules(true, true, false, true, true),
                "Europe/Berlin");

        assertThat(same.computation()).isEqualTo(TARGET.computation());
    }

    @Test
    void eachRuleTheRoleAndTheUsersZoneChangeTheComputation() {
        var changed = java.util.List.of(
                TARGET.withSettings(CalendarRole.PRIMARY, BusyRules.DEFAULT, "Europe/Berlin"),
                TARGET.withSettings(CalendarRole.CONFLICT, new BusyRules(false, true, false, true, true), "Europe/Berlin"),
                TARGET.withSettings(CalendarRole.CONFLICT, new BusyRules(true, false, false, true, true), "Europe/Berlin"),
                TARGET.withSettings(CalendarRole.CONFLICT, new BusyRules(true, true, true, true, true), "Europe/Berlin"),
                TARGET.withSettings(CalendarRole.CONFLICT, new BusyRules(true, true, false, false, true), "Europe/Berlin"),
                TARGET.withSettings(CalendarRole.CONFLICT, new BusyRules(true, true, false, true, false), "Europe/Berlin"),
                TARGET.withSettings(CalendarRole.CONFLICT, BusyRules.DEFAULT, "America/New_York"),
                TARGET.withSettings(CalendarRole.CONFLICT, BusyRules.DEFAULT, null));

        assertThat(changed).allSatisfy(c -> assertThat(c.computation()).isNotEqualTo(TARGET.computation()));
        assertThat(changed.stream().map(PollTarget::computation).distinct()).hasSize(changed.size());
    }

    @Test
    void theUsersZoneIsTheFallback_andUtcWithoutOne() {
        assertThat(TARGET.zone().collection()).isNull();
        assertThat(TARGET.zone().fallback()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(PollTargets.calendar(BusyRules.DEFAULT, null).zone().fallback()).isEqualTo(ZoneOffset.UTC);
        // a zone id the JDK no longer knows must not stop the calendar from being read
        assertThat(PollTargets.calendar(BusyRules.DEFAULT, "Mars/Olympus_Mons").zone().fallback()).isEqualTo(ZoneOffset.UTC);
    }
}
