package io.calsync.availability.domain;

import static io.calsync.availability.domain.Times.NEW_YORK;
import static io.calsync.availability.domain.Times.SYDNEY;
import static io.calsync.availability.domain.Times.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import org.junit.jupiter.api.Test;

class StepGridUnitTests {

    @Test
    void theGridIsWallClockMultiplesOfTheStepFromLocalMidnight() {
        StepGrid grid = new StepGrid(NEW_YORK, Duration.ofMinutes(45));

        assertThat(grid.between(at("2026-12-01T22:00", NEW_YORK), at("2026-12-02T02:00", NEW_YORK)))
                .map(i -> LocalTime.ofInstant(i, NEW_YORK))
                .containsExactly(LocalTime.of(22, 30), LocalTime.of(23, 15), LocalTime.of(0, 0), LocalTime.of(0, 45),
                        LocalTime.of(1, 30));
    }

    @Test
    void wallClockTimesInTheSpringGapAreSkipped() {
        StepGrid grid = new StepGrid(NEW_YORK, Duration.ofMinutes(45));

        // 02:15 does not exist on 2026-03-08; 03:00 EDT follows 01:30 EST by 45 minutes of real time
        assertThat(grid.between(at("2026-03-08T01:00", NEW_YORK), at("2026-03-08T04:00", NEW_YORK)))
                .containsExactly(Instant.parse("2026-03-08T06:30:00Z"), Instant.parse("2026-03-08T07:00:00Z"),
                        Instant.parse("2026-03-08T07:45:00Z"));
    }

    @Test
    void wallClockTimesInTheAutumnOverlapAreOnTheGridTwiceInTimeOrder() {
        StepGrid grid = new StepGrid(SYDNEY, Duration.ofMinutes(30));

        // Sydney, 2026-04-05: 03:00 AEDT (16:00Z) falls back to 02:00 AEST
        assertThat(grid.between(Instant.parse("2026-04-04T15:00:00Z"), Instant.parse("2026-04-04T17:30:00Z")))
                .containsExactly(Instant.parse("2026-04-04T15:00:00Z"), Instant.parse("2026-04-04T15:30:00Z"),
                        Instant.parse("2026-04-04T16:00:00Z"), Instant.parse("2026-04-04T16:30:00Z"),
                        Instant.parse("2026-04-04T17:00:00Z"));
        assertThat(grid.contains(Instant.parse("2026-04-04T16:30:00Z"))).isTrue();
        assertThat(grid.contains(Instant.parse("2026-04-04T16:31:00Z"))).isFalse();
    }
}
