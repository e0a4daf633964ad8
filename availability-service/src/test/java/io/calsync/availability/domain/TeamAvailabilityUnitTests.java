package io.calsync.availability.domain;

import static io.calsync.availability.domain.Times.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TeamAvailabilityUnitTests {

    private static final Interval NINE = utc("2026-12-07T09:00", "2026-12-07T09:30");
    private static final Interval HALF_PAST_NINE = utc("2026-12-07T09:30", "2026-12-07T10:00");
    private static final Interval TEN = utc("2026-12-07T10:00", "2026-12-07T10:30");

    private static Map<String, List<Interval>> team() {
        Map<String, List<Interval>> slots = new LinkedHashMap<>();
        slots.put("ada", List.of(NINE, HALF_PAST_NINE, TEN));
        slots.put("bob", List.of(HALF_PAST_NINE, TEN));
        slots.put("cy", List.of(TEN));
        return slots;
    }

    @Test
    void allMeansEveryoneIsFree() {
        assertThat(TeamAvailability.combine(team(), TeamMode.all(), 100).slots())
                .containsExactly(new TeamSlot<>(TEN, List.of("ada", "bob", "cy")));
    }

    @Test
    void anyMeansSomeoneIsFreeAndSaysWho() {
        assertThat(TeamAvailability.combine(team(), TeamMode.any(), 100).slots()).containsExactly(
                new TeamSlot<>(NINE, List.of("ada")), new TeamSlot<>(HALF_PAST_NINE, List.of("ada", "bob")),
                new TeamSlot<>(TEN, List.of("ada", "bob", "cy")));
    }

    @Test
    void atLeastCountsTheFree() {
        assertThat(TeamAvailability.combine(team(), TeamMode.atLeast(2), 100).slots()).containsExactly(
                new TeamSlot<>(HALF_PAST_NINE, List.of("ada", "bob")), new TeamSlot<>(TEN, List.of("ada", "bob", "cy")));
    }

    @Test
    void maxResultsCutsTheAnswerAndSaysSo() {
        TeamSlots<String> answer = TeamAvailability.combine(team(), TeamMode.any(), 2);

        assertThat(answer.slots()).extracting(TeamSlot::interval).containsExactly(NINE, HALF_PAST_NINE);
        assertThat(answer.truncated()).isTrue();
    }

    @Test
    void aCountAboveTheTeamOrTooManyUsersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> TeamAvailability.combine(team(), TeamMode.atLeast(4), 100))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("count"));
        assertThatThrownBy(() -> TeamMode.atLeast(0))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("count"));
        Map<String, List<Interval>> crowd = IntStream.range(0, TeamAvailability.MAX_USERS + 1).boxed()
                .collect(Collectors.toMap(i -> "user" + i, i -> List.of(TEN)));
        assertThatThrownBy(() -> TeamAvailability.combine(crowd, TeamMode.any(), 100))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("users"));
        assertThatThrownBy(() -> TeamAvailability.combine(Map.of(), TeamMode.any(), 100))
                .isInstanceOfSatisfying(InvalidFieldException.class, e -> assertThat(e.field()).isEqualTo("users"));
    }
}
