package io.calsync.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Team slots are the intersection (all), union (any) or at-least-count overlap of the single users' slots. */
class TeamAvailabilityProperties {

    private static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    private static final Instant MONDAY = Instant.parse("2026-10-24T22:00:00Z");
    private static final Interval WINDOW = Interval.of(MONDAY, Duration.ofDays(3));
    private static final FreeSlotQuery QUERY = FreeSlotQuery.builder(WINDOW, Duration.ofMinutes(30), ZONE)
            .step(Duration.ofMinutes(15)).maxResults(FreeSlotQuery.MAX_RESULTS).build();
    private static final Schedule SCHEDULE = Schedule.builder(ZONE)
            .weekly("sunday", "00:00", "06:00").weekly("monday", "08:00", "18:00").weekly("tuesday", "08:00", "18:00")
            .build();

    @Provide
    Arbitrary<List<List<Interval>>> teamsBusyTime() {
        Arbitrary<Interval> busy = Combinators.combine(Arbitraries.integers().between(0, 3 * 24 * 60),
                Arbitraries.integers().between(5, 6 * 60))
                .as((start, length) -> Interval.of(MONDAY.plus(Duration.ofMinutes(start)), Duration.ofMinutes(length)));
        return busy.list().ofMaxSize(12).list().ofMinSize(1).ofMaxSize(5);
    }

    private static Map<String, List<Interval>> slotsByUser(List<List<Interval>> busyByUser) {
        FreeSlotFinder finder = new FreeSlotFinder(Clock.fixed(MONDAY, ZoneOffset.UTC));
        Map<String, List<Interval>> slots = new LinkedHashMap<>();
        for (int user = 0; user < busyByUser.size(); user++) {
            slots.put("user" + user, finder.find(QUERY, SCHEDULE, IntervalSet.of(busyByUser.get(user)), List.of()).slots());
        }
        return slots;
    }

    private static Set<Interval> offered(TeamSlots<String> answer) {
        return answer.slots().stream().map(TeamSlot::interval).collect(Collectors.toSet());
    }

    @Property(tries = 200)
    void allIsTheIntersectionOfTheUsersSlots(@ForAll("teamsBusyTime") List<List<Interval>> busy) {
        Map<String, List<Interval>> slots = slotsByUser(busy);
        Set<Interval> intersection = new HashSet<>(slots.values().iterator().next());
        slots.values().forEach(intersection::retainAll);

        assertThat(offered(TeamAvailability.combine(slots, TeamMode.all(), FreeSlotQuery.MAX_RESULTS)))
                .isEqualTo(intersection);
    }

    @Property(tries = 200)
    void anyIsTheUnionOfTheUsersSlots(@ForAll("teamsBusyTime") List<List<Interval>> busy) {
        Map<String, List<Interval>> slots = slotsByUser(busy);
        Set<Interval> union = slots.values().stream().flatMap(List::stream).collect(Collectors.toSet());

        TeamSlots<String> answer = TeamAvailability.combine(slots, TeamMode.any(), FreeSlotQuery.MAX_RESULTS);

        assertThat(offered(answer)).hasSize(Math.min(union.size(), FreeSlotQuery.MAX_RESULTS));
        assertThat(union).containsAll(offered(answer));
        assertThat(answer.truncated()).isEqualTo(union.size() > FreeSlotQuery.MAX_RESULTS);
    }

    @Property(tries = 200)
    void eachTeamSlotListsExactlyWhoIsFreeAndAtLeastCountAreFree(
            @ForAll("teamsBusyTime") List<List<Interval>> busy, @ForAll("counts") int count) {
        Map<String, List<Interval>> slots = slotsByUser(busy);
        int required = Math.min(count, slots.size());
        Set<Interval> enough = slots.values().stream().flatMap(List::stream).distinct()
                .filter(slot -> slots.values().stream().filter(s -> s.contains(slot)).count() >= required)
                .collect(Collectors.toSet());

        TeamSlots<String> answer = TeamAvailability.combine(slots, TeamMode.atLeast(required), FreeSlotQuery.MAX_RESULTS);

        assertThat(offered(answer)).hasSize(Math.min(enough.size(), FreeSlotQuery.MAX_RESULTS));
        assertThat(enough).containsAll(offered(answer));
        assertThat(answer.slots()).allSatisfy(slot -> assertThat(slot.free()).containsExactlyElementsOf(
                slots.entrySet().stream().filter(e -> e.getValue().contains(slot.interval())).map(Map.Entry::getKey)
                        .toList()));
    }

    @Provide
    Arbitrary<Integer> counts() {
        return Arbitraries.integers().between(1, 5);
    }

    /** The API's way (from each user's free time, never holding the slot lists) gives what combining the lists gives. */
    @Property(tries = 200)
    void findingFromFreeTimeEqualsCombiningTheUsersSlots(@ForAll("teamsBusyTime") List<List<Interval>> busy,
            @ForAll("counts") int count) {
        Map<String, List<Interval>> slots = slotsByUser(busy);
        FreeSlotFinder finder = new FreeSlotFinder(Clock.fixed(MONDAY, ZoneOffset.UTC));
        Map<String, IntervalSet> free = new LinkedHashMap<>();
        for (int user = 0; user < busy.size(); user++) {
            free.put("user" + user, finder.freeTime(QUERY, SCHEDULE, IntervalSet.of(busy.get(user)), List.of()));
        }
        for (TeamMode mode : List.of(TeamMode.all(), TeamMode.any(), TeamMode.atLeast(Math.min(count, slots.size())))) {
            assertThat(TeamAvailability.find(free, QUERY, mode))
                    .isEqualTo(TeamAvailability.combine(slots, mode, QUERY.maxResults()));
        }
    }
}
