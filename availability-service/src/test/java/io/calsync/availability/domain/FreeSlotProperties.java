package io.calsync.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/** Every slot the finder offers obeys every rule, and every grid start that obeys them all is offered. */
class FreeSlotProperties {

    @Provide
    Arbitrary<Scenario> slotQuestions() {
        return Scenario.scenarios(Arbitraries.just(SlotFormat.SLOTS));
    }

    @Provide
    Arbitrary<Scenario> anyQuestion() {
        return Scenario.scenarios();
    }

    @Property(tries = 300)
    void noSlotWithItsBuffersOverlapsBusyTimeOrAnAppointment(@ForAll("slotQuestions") Scenario s) {
        for (Interval slot : s.answer().slots()) {
            Interval guarded = slot.widen(s.bufferBefore(), s.bufferAfter());
            assertThat(s.busy()).noneMatch(guarded::overlaps);
            assertThat(s.appointments()).noneMatch(guarded::overlaps);
        }
    }

    @Property(tries = 300)
    void everySlotLiesInsideTheWindowAndTheSchedule(@ForAll("anyQuestion") Scenario s) {
        Schedule schedule = s.schedule();
        for (Interval slot : s.answer().slots()) {
            assertThat(s.window().encloses(slot)).as("%s inside the window %s", slot, s.window()).isTrue();
            assertThat(schedule.covers(slot)).as("%s inside %s", slot, schedule).isTrue();
        }
    }

    @Property(tries = 300)
    void noSlotStartsBeforeNowPlusMinimumNotice(@ForAll("anyQuestion") Scenario s) {
        Instant notBefore = s.now().plus(s.minNotice());
        assertThat(s.answer().slots()).allSatisfy(slot -> assertThat(slot.start()).isAfterOrEqualTo(notBefore));
    }

    @Property(tries = 300)
    void everySlotStartsOnTheStepGridOfTheRequestedZone(@ForAll("slotQuestions") Scenario s) {
        assertThat(s.answer().slots()).allSatisfy(slot -> {
            LocalTime local = LocalTime.ofInstant(slot.start(), s.gridZone());
            assertThat(local.toSecondOfDay() % s.step().toSeconds()).as("%s at %s", slot, local).isZero();
            assertThat(slot.length()).isEqualTo(s.duration());
        });
    }

    @Property(tries = 300)
    void noSlotTouchesADayThatHoldsMaxPerDayAppointments(@ForAll("anyQuestion") Scenario s) {
        if (s.maxPerDay() == null) {
            return;
        }
        List<Interval> fullDays = fullDays(s);
        for (Interval slot : s.answer().slots()) {
            assertThat(fullDays).noneMatch(slot::overlaps);
        }
    }

    @Property(tries = 200)
    void slotsAreExactlyTheGridStartsThatPassEveryRule(@ForAll("slotQuestions") Scenario s) {
        List<Interval> expected = new ArrayList<>();
        Schedule schedule = s.schedule();
        List<Interval> fullDays = s.maxPerDay() == null ? List.of() : fullDays(s);
        Instant notBefore = s.now().plus(s.minNotice());
        for (Instant start = s.window().start(); !start.plus(s.duration()).isAfter(s.window().end());
                start = start.plusSeconds(60)) {
            Interval slot = Interval.of(start, s.duration());
            Interval guarded = slot.widen(s.bufferBefore(), s.bufferAfter());
            if (LocalTime.ofInstant(start, s.gridZone()).toSecondOfDay() % s.step().toSeconds() == 0
                    && !start.isBefore(notBefore)
                    && s.busy().stream().noneMatch(guarded::overlaps)
                    && s.appointments().stream().noneMatch(guarded::overlaps)
                    && fullDays.stream().noneMatch(slot::overlaps)
                    && schedule.covers(slot)) {
                expected.add(slot);
            }
        }
        FreeSlots answer = s.answer();
        Statistics.label("slots").collect(expected.isEmpty() ? "none" : "some");
        // most questions must have an answer, or the comparison says little
        Statistics.label("slots").coverage(c -> c.check("some").percentage(p -> p > 25));

        int max = FreeSlotQuery.MAX_RESULTS;
        assertThat(answer.slots()).containsExactlyElementsOf(expected.subList(0, Math.min(max, expected.size())));
        assertThat(answer.truncated()).isEqualTo(expected.size() > max);
    }

    @Property(tries = 200)
    void periodsAreDisjointFreeStretchesHoldingEverySlot(@ForAll("slotQuestions") Scenario s) {
        Scenario periods = new Scenario(s.window(), s.scheduleZone(), s.allDay(), s.weeklyQuarters(),
                s.overrideQuarters(), s.gridZone(), s.busy(), s.appointments(), s.duration(), s.step(),
                s.bufferBefore(), s.bufferAfter(), s.minNotice(), s.now(), s.maxPerDay(), SlotFormat.PERIODS);
        List<Interval> stretches = periods.answer().slots();

        assertThat(stretches).allSatisfy(p -> assertThat(p.length()).isGreaterThanOrEqualTo(s.duration()));
        for (int i = 1; i < stretches.size(); i++) {
            assertThat(stretches.get(i).start()).isAfter(stretches.get(i - 1).end());
        }
        assertThat(s.answer().slots())
                .allSatisfy(slot -> assertThat(stretches).anyMatch(period -> period.encloses(slot)));
    }

    @Property(tries = 200)
    void maxResultsKeepsTheFirstSlots(@ForAll("slotQuestions") Scenario s, @ForAll("limits") int limit) {
        List<Interval> all = s.answer().slots();
        FreeSlots limited = s.answer(limit);

        assertThat(limited.slots()).containsExactlyElementsOf(all.subList(0, Math.min(limit, all.size())));
        assertThat(limited.truncated()).isEqualTo(all.size() > limit);
    }

    @Provide
    Arbitrary<Integer> limits() {
        return Arbitraries.integers().between(1, 20);
    }

    /** The local days (schedule's zone) on which {@code maxPerDay} appointments start, as instants. */
    private static List<Interval> fullDays(Scenario s) {
        Map<LocalDate, Long> perDay = s.appointments().stream().collect(Collectors.groupingBy(
                a -> ZonedDateTime.ofInstant(a.start(), s.scheduleZone()).toLocalDate(), Collectors.counting()));
        Function<LocalDate, Instant> midnight = date -> date.atStartOfDay(s.scheduleZone()).toInstant();
        return perDay.entrySet().stream().filter(e -> e.getValue() >= s.maxPerDay())
                .map(e -> new Interval(midnight.apply(e.getKey()), midnight.apply(e.getKey().plusDays(1)))).toList();
    }
}
