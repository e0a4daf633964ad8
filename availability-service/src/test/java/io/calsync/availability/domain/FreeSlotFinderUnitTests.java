package io.calsync.availability.domain;

import static io.calsync.availability.domain.Times.BERLIN;
import static io.calsync.availability.domain.Times.NEW_YORK;
import static io.calsync.availability.domain.Times.at;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreeSlotFinderUnitTests {

    private static final Duration MINUTES_30 = Duration.ofMinutes(30);
    /** Monday 2026-12-07 in Berlin (UTC+1). */
    private static final Interval MONDAY = new Interval(at("2026-12-07T00:00", BERLIN), at("2026-12-08T00:00", BERLIN));
    private static final Interval MONDAY_AND_TUESDAY =
            new Interval(at("2026-12-07T00:00", BERLIN), at("2026-12-09T00:00", BERLIN));
    private static final Schedule MORNINGS = Schedule.builder(BERLIN)
            .weekly("monday", "09:00", "12:00").weekly("tuesday", "09:00", "12:00").build();
    private static final IntervalSet MEETING =
            IntervalSet.of(new Interval(at("2026-12-07T10:00", BERLIN), at("2026-12-07T10:45", BERLIN)));

    private final FreeSlotFinder finder = finderAt(Instant.parse("2026-12-01T00:00:00Z"));

    private static FreeSlotFinder finderAt(Instant now) {
        return new FreeSlotFinder(Clock.fixed(now, ZoneOffset.UTC));
    }

    private static FreeSlotQuery.Builder query(Interval window, Duration duration) {
        return FreeSlotQuery.builder(window, duration, BERLIN);
    }

    private static List<Interval> slotsOf(FreeSlots answer) {
        return answer.slots();
    }

    private static List<Instant> starts(FreeSlots answer) {
        return answer.slots().stream().map(Interval::start).toList();
    }

    private static List<Instant> berlin(String... localTimes) {
        return times(BERLIN, localTimes);
    }

    private static List<Instant> times(ZoneId zone, String... localTimes) {
        return java.util.Arrays.stream(localTimes).map(t -> at(t, zone)).toList();
    }

    private FreeSlots find(FreeSlotQuery query, Schedule schedule, IntervalSet busy, Collection<Interval> appointments) {
        return finder.find(query, schedule, busy, appointments);
    }

    @Test
    void slotsFillTheWorkingHoursAroundBusyTime() {
        FreeSlots answer = find(query(MONDAY, MINUTES_30).build(), MORNINGS, MEETING, List.of());

        assertThat(starts(answer)).containsExactlyElementsOf(
                berlin("2026-12-07T09:00", "2026-12-07T09:30", "2026-12-07T11:00", "2026-12-07T11:30"));
        assertThat(slotsOf(answer)).allSatisfy(slot -> assertThat(slot.length()).isEqualTo(MINUTES_30));
        assertThat(answer.truncated()).isFalse();
    }

    @Test
    void buffersKeepSlotsAwayFromBusyTimeOnEitherSide() {
        FreeSlots quarterHour = find(query(MONDAY, MINUTES_30).buffers(Duration.ofMinutes(15), Duration.ofMinutes(15))
                .build(), MORNINGS, MEETING, List.of());
        FreeSlots halfHourBefore = find(query(MONDAY, MINUTES_30).buffers(MINUTES_30, Duration.ZERO).build(),
                MORNINGS, MEETING, List.of());

        // 09:30–10:00 would leave no 15 minutes after it; 11:00 has its 15 minutes before (10:45–11:00)
        assertThat(starts(quarterHour)).containsExactlyElementsOf(
                berlin("2026-12-07T09:00", "2026-12-07T11:00", "2026-12-07T11:30"));
        assertThat(starts(halfHourBefore)).containsExactlyElementsOf(
                berlin("2026-12-07T09:00", "2026-12-07T09:30", "2026-12-07T11:30"));
    }

    @Test
    void buffersMayReachOutsideWorkingHours() {
        FreeSlots answer = find(query(MONDAY, MINUTES_30).buffers(Duration.ofHours(1), Duration.ofHours(1)).build(),
                MORNINGS, IntervalSet.empty(), List.of());

        assertThat(starts(answer)).first().isEqualTo(at("2026-12-07T09:00", BERLIN));
        assertThat(starts(answer)).last().isEqualTo(at("2026-12-07T11:30", BERLIN));
    }

    @Test
    void minimumNoticeCountsFromTheClock() {
        FreeSlotFinder atTen = finderAt(at("2026-12-07T09:10", BERLIN));

        FreeSlots answer = atTen.find(query(MONDAY, MINUTES_30).minNotice(Duration.ofHours(1)).build(), MORNINGS,
                IntervalSet.empty(), List.of());

        assertThat(starts(answer)).containsExactlyElementsOf(berlin("2026-12-07T10:30", "2026-12-07T11:00",
                "2026-12-07T11:30"));
        assertThat(atTen.find(query(MONDAY, MINUTES_30).minNotice(Duration.ofDays(1)).build(), MORNINGS,
                IntervalSet.empty(), List.of()).slots()).isEmpty();
    }

    @Test
    void slotsStartOnTheGridEvenWhenTheWindowDoesNot() {
        Interval window = new Interval(at("2026-12-07T09:10", BERLIN), at("2026-12-07T12:00", BERLIN));

        FreeSlots answer = find(query(window, Duration.ofMinutes(45)).step(Duration.ofMinutes(15)).build(), MORNINGS,
                IntervalSet.empty(), List.of());

        assertThat(starts(answer)).containsExactlyElementsOf(berlin("2026-12-07T09:15", "2026-12-07T09:30",
                "2026-12-07T09:45", "2026-12-07T10:00", "2026-12-07T10:15", "2026-12-07T10:30", "2026-12-07T10:45",
                "2026-12-07T11:00", "2026-12-07T11:15"));
    }

    @Test
    void theGridFollowsTheRequestedZoneNotTheSchedules() {
        ZoneId kathmandu = ZoneId.of("Asia/Kathmandu");

        FreeSlots answer = finder.find(FreeSlotQuery.builder(MONDAY, Duration.ofHours(1), kathmandu).build(),
                MORNINGS, IntervalSet.empty(), List.of());

        // Kathmandu is UTC+05:45: its whole hours fall on a quarter past in Berlin
        assertThat(starts(answer)).containsExactlyElementsOf(berlin("2026-12-07T09:15", "2026-12-07T10:15"));
    }

    @Test
    void maxResultsCutsTheAnswerAndSaysSo() {
        FreeSlots answer = find(query(MONDAY, MINUTES_30).maxResults(2).build(), MORNINGS, MEETING, List.of());

        assertThat(starts(answer)).containsExactlyElementsOf(berlin("2026-12-07T09:00", "2026-12-07T09:30"));
        assertThat(answer.truncated()).isTrue();
        assertThat(find(query(MONDAY, MINUTES_30).maxResults(4).build(), MORNINGS, MEETING, List.of()).truncated())
                .isFalse();
    }

    @Test
    void periodsAreTheFreeStretchesLongEnoughForTheDuration() {
        FreeSlots halfHour = find(query(MONDAY, MINUTES_30).format(SlotFormat.PERIODS).build(), MORNINGS, MEETING,
                List.of());
        FreeSlots seventyMinutes = find(query(MONDAY, Duration.ofMinutes(70)).step(Duration.ofMinutes(5))
                .format(SlotFormat.PERIODS).build(), MORNINGS, MEETING, List.of());

        assertThat(slotsOf(halfHour)).containsExactly(
                new Interval(at("2026-12-07T09:00", BERLIN), at("2026-12-07T10:00", BERLIN)),
                new Interval(at("2026-12-07T10:45", BERLIN), at("2026-12-07T12:00", BERLIN)));
        assertThat(slotsOf(seventyMinutes)).containsExactly(
                new Interval(at("2026-12-07T10:45", BERLIN), at("2026-12-07T12:00", BERLIN)));
    }

    @Test
    void appointmentsAreBusyTime() {
        Interval appointment = new Interval(at("2026-12-07T09:30", BERLIN), at("2026-12-07T10:00", BERLIN));

        FreeSlots answer = find(query(MONDAY, MINUTES_30).build(), MORNINGS, IntervalSet.empty(), List.of(appointment));

        assertThat(starts(answer)).doesNotContain(appointment.start()).hasSize(5);
    }

    @Test
    void aDayHoldingMaxPerDayAppointmentsOffersNothing() {
        List<Interval> mondayAppointments = List.of(
                new Interval(at("2026-12-07T09:00", BERLIN), at("2026-12-07T09:30", BERLIN)),
                new Interval(at("2026-12-07T11:30", BERLIN), at("2026-12-07T12:00", BERLIN)));

        FreeSlots two = find(query(MONDAY_AND_TUESDAY, MINUTES_30).maxPerDay(2).build(), MORNINGS,
                IntervalSet.empty(), mondayAppointments);
        FreeSlots three = find(query(MONDAY_AND_TUESDAY, MINUTES_30).maxPerDay(3).build(), MORNINGS,
                IntervalSet.empty(), mondayAppointments);

        assertThat(starts(two)).hasSize(6).allSatisfy(start -> assertThat(start).isAfter(at("2026-12-08T00:00", BERLIN)));
        assertThat(starts(three)).hasSize(10);
    }

    @Test
    void appointmentsCountOnTheirLocalDayInTheSchedulesZone() {
        // 23:30 UTC on Monday is 00:30 on Tuesday in Berlin
        Interval lateMonday = new Interval(Instant.parse("2026-12-07T23:30:00Z"), Instant.parse("2026-12-07T23:45:00Z"));

        FreeSlots answer = find(query(MONDAY_AND_TUESDAY, MINUTES_30).maxPerDay(1).build(), MORNINGS,
                IntervalSet.empty(), List.of(lateMonday));

        assertThat(starts(answer)).hasSize(6)
                .allSatisfy(start -> assertThat(start).isBefore(at("2026-12-08T00:00", BERLIN)));
    }

    @Test
    void hourlySlotsOverADstDayAreAsManyAsItHasHours() {
        FreeSlotQuery.Builder spring = FreeSlotQuery.builder(new Interval(at("2026-03-08T00:00", NEW_YORK),
                at("2026-03-09T00:00", NEW_YORK)), Duration.ofHours(1), NEW_YORK);
        FreeSlotQuery.Builder autumn = FreeSlotQuery.builder(new Interval(at("2026-11-01T00:00", NEW_YORK),
                at("2026-11-02T00:00", NEW_YORK)), Duration.ofHours(1), NEW_YORK);

        FreeSlotFinder finder = finderAt(Instant.parse("2026-01-01T00:00:00Z"));
        FreeSlots springDay = finder.find(spring.build(), Schedule.allDay(NEW_YORK), IntervalSet.empty(), List.of());
        FreeSlots autumnDay = finder.find(autumn.build(), Schedule.allDay(NEW_YORK), IntervalSet.empty(), List.of());

        // 01:00 EST (06:00Z) is followed by 03:00 EDT (07:00Z)
        assertThat(springDay.slots()).hasSize(23).extracting(Interval::start)
                .contains(Instant.parse("2026-03-08T06:00:00Z"), Instant.parse("2026-03-08T07:00:00Z"));
        // 01:00 EDT (05:00Z) and 01:00 EST (06:00Z) are both on the grid
        assertThat(autumnDay.slots()).hasSize(25).extracting(Interval::start)
                .contains(Instant.parse("2026-11-01T05:00:00Z"), Instant.parse("2026-11-01T06:00:00Z"));
    }

    @Test
    void nothingIsOfferedWhenTheNoticeReachesPastTheWindow() {
        FreeSlots answer = finderAt(MONDAY.end()).find(query(MONDAY, MINUTES_30).build(), MORNINGS,
                IntervalSet.empty(), List.of());

        assertThat(answer.slots()).isEmpty();
        assertThat(answer.truncated()).isFalse();
    }
}
