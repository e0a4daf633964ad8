package io.calsync.availability.domain;

import static io.calsync.availability.domain.Times.BERLIN;
import static io.calsync.availability.domain.Times.NEW_YORK;
import static io.calsync.availability.domain.Times.SYDNEY;
import static io.calsync.availability.domain.Times.at;
import static io.calsync.availability.domain.Times.utc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScheduleUnitTests {

    /** The same hours every day of the week. */
    private static Schedule daily(ZoneId zone, String start, String end) {
        Schedule.Builder builder = Schedule.builder(zone);
        for (DayOfWeek day : DayOfWeek.values()) {
            builder.weekly(day.name(), start, end);
        }
        return builder.build();
    }

    /** The working time of one local date, as instants. */
    private static IntervalSet workingTimeOn(Schedule schedule, String date) {
        LocalDate day = LocalDate.parse(date);
        return schedule.workingTime(new Interval(day.minusDays(1).atStartOfDay(schedule.zone()).toInstant(),
                day.plusDays(2).atStartOfDay(schedule.zone()).toInstant()))
                .clip(new Interval(day.atStartOfDay(schedule.zone()).toInstant(),
                        day.plusDays(1).atStartOfDay(schedule.zone()).toInstant()));
    }

    @ParameterizedTest(name = "{0} on {1}: 00:00–24:00 is {2} h, 00:00–12:00 is {3} h, 09:00–17:00 is 8 h")
    @CsvSource({
        "America/New_York, 2026-03-08, 23, 11", "America/New_York, 2026-11-01, 25, 13",
        "Europe/Berlin, 2026-03-29, 23, 11", "Europe/Berlin, 2026-10-25, 25, 13",
        "Australia/Sydney, 2026-10-04, 23, 11", "Australia/Sydney, 2026-04-05, 25, 13",
        "Europe/Berlin, 2026-06-15, 24, 12"})
    void aDayOfWorkingTimeIsAsLongAsTheZoneMakesIt(String zone, String date, long wholeDay, long morning) {
        ZoneId tz = ZoneId.of(zone);

        assertThat(workingTimeOn(daily(tz, "00:00", "24:00"), date).totalLength()).isEqualTo(Duration.ofHours(wholeDay));
        assertThat(workingTimeOn(daily(tz, "00:00", "12:00"), date).totalLength()).isEqualTo(Duration.ofHours(morning));
        assertThat(workingTimeOn(daily(tz, "09:00", "17:00"), date).intervals()).containsExactly(
                new Interval(at(date + "T09:00", tz), at(date + "T17:00", tz)));
        assertThat(workingTimeOn(daily(tz, "09:00", "17:00"), date).totalLength()).isEqualTo(Duration.ofHours(8));
    }

    @Test
    void nineToFiveMovesInUtcWhenTheClocksChange() {
        Schedule berlin = daily(BERLIN, "09:00", "17:00");

        assertThat(workingTimeOn(berlin, "2026-03-28").intervals())
                .containsExactly(utc("2026-03-28T08:00", "2026-03-28T16:00"));
        assertThat(workingTimeOn(berlin, "2026-03-29").intervals())
                .containsExactly(utc("2026-03-29T07:00", "2026-03-29T15:00"));
        assertThat(workingTimeOn(daily(NEW_YORK, "09:00", "17:00"), "2026-11-02").intervals())
                .containsExactly(utc("2026-11-02T14:00", "2026-11-02T22:00"));
        assertThat(workingTimeOn(daily(SYDNEY, "09:00", "17:00"), "2026-04-06").intervals())
                .containsExactly(utc("2026-04-05T23:00", "2026-04-06T07:00"));
    }

    @Test
    void hoursInTheSpringGapResolveForwardAndHoursWhollyInsideItVanish() {
        // New York, 2026-03-08: 02:00 EST jumps to 03:00 EDT
        assertThat(workingTimeOn(daily(NEW_YORK, "02:30", "04:00"), "2026-03-08").intervals())
                .containsExactly(new Interval(at("2026-03-08T03:30", NEW_YORK), at("2026-03-08T04:00", NEW_YORK)));
        assertThat(workingTimeOn(daily(NEW_YORK, "01:30", "02:30"), "2026-03-08").totalLength())
                .isEqualTo(Duration.ofHours(1));
        assertThat(workingTimeOn(daily(NEW_YORK, "02:15", "02:45"), "2026-03-08").intervals()).hasSize(1);
        assertThat(workingTimeOn(daily(NEW_YORK, "02:30", "03:00"), "2026-03-08").isEmpty()).isTrue();
    }

    @Test
    void hoursInTheAutumnOverlapStartAtTheEarlierInstant() {
        // New York, 2026-11-01: 01:00–02:00 happens twice, first EDT (05:00Z) then EST (06:00Z)
        assertThat(workingTimeOn(daily(NEW_YORK, "01:30", "03:00"), "2026-11-01").intervals())
                .containsExactly(utc("2026-11-01T05:30", "2026-11-01T08:00"));
    }

    @Test
    void aDateOverrideReplacesTheWeekdayAndAnEmptyOneIsADayOff() {
        Schedule schedule = Schedule.builder("Europe/Berlin")
                .weekly("monday", "09:00", "12:00").weekly("monday", "13:00", "17:00")
                .override("2026-12-07", "10:00", "11:00")
                .dayOff("2026-12-14")
                .build();

        assertThat(workingTimeOn(schedule, "2026-11-30").totalLength()).isEqualTo(Duration.ofHours(7));
        assertThat(workingTimeOn(schedule, "2026-12-07").intervals())
                .containsExactly(utc("2026-12-07T09:00", "2026-12-07T10:00"));
        assertThat(workingTimeOn(schedule, "2026-12-14").isEmpty()).isTrue();
        assertThat(workingTimeOn(schedule, "2026-12-01").isEmpty()).as("no hours on Tuesdays").isTrue();
    }

    @Test
    void hoursUntilMidnightJoinTheNextDaysHoursFromMidnight() {
        Schedule nights = Schedule.builder(BERLIN)
                .weekly(DayOfWeek.FRIDAY, DailyRange.untilEndOfDay(LocalTime.of(20, 0)))
                .weekly(DayOfWeek.SATURDAY, DailyRange.of(LocalTime.MIDNIGHT, LocalTime.of(2, 0)))
                .build();
        Interval acrossMidnight = new Interval(at("2026-12-04T23:00", BERLIN), at("2026-12-05T01:00", BERLIN));

        assertThat(nights.covers(acrossMidnight)).isTrue();
        assertThat(nights.covers(new Interval(at("2026-12-05T01:00", BERLIN), at("2026-12-05T02:30", BERLIN))))
                .isFalse();
    }

    @Test
    void withoutAScheduleEveryInstantIsWorkingTime() {
        Interval week = utc("2026-03-06T00:00", "2026-03-13T00:00");

        assertThat(Schedule.allDay(NEW_YORK).workingTime(week)).isEqualTo(IntervalSet.of(week));
    }

    @Test
    void workingTimeIsClippedToTheWindow() {
        Interval window = new Interval(at("2026-12-07T10:30", BERLIN), at("2026-12-07T11:00", BERLIN));

        assertThat(daily(BERLIN, "09:00", "17:00").workingTime(window)).isEqualTo(IntervalSet.of(window));
    }

    @Test
    void overlappingHoursOnOneDayAreRefusedNamingTheRange() {
        assertField(() -> Schedule.builder("Europe/Berlin")
                .weekly("tuesday", "09:00", "12:00").weekly("tuesday", "11:00", "14:00").build(), "weekly.tuesday[1]");
        assertField(() -> Schedule.builder("Europe/Berlin")
                .override("2026-12-24", "09:00", "24:00").override("2026-12-24", "08:00", "09:30").build(),
                "overrides.2026-12-24[1]");
    }

    @Test
    void touchingHoursAreFine() {
        Schedule schedule = Schedule.builder("Europe/Berlin")
                .weekly("tuesday", "12:00", "14:00").weekly("tuesday", "09:00", "12:00").build();

        assertThat(schedule.weekly().get(DayOfWeek.TUESDAY)).extracting(DailyRange::start)
                .containsExactly(LocalTime.of(9, 0), LocalTime.of(12, 0));
    }

    @Test
    void invertedOrEmptyHoursAreRefusedNamingTheEnd() {
        assertField(() -> Schedule.builder("Europe/Berlin").weekly("monday", "17:00", "09:00"), "weekly.monday[0].end");
        assertField(() -> Schedule.builder("Europe/Berlin").weekly("monday", "09:00", "09:00"), "weekly.monday[0].end");
        assertField(() -> Schedule.builder("Europe/Berlin").weekly("monday", "nine", "17:00"),
                "weekly.monday[0].start");
        assertField(() -> Schedule.builder("Europe/Berlin").weekly("monday", "09:00", "24:30"),
                "weekly.monday[0].end");
    }

    @Test
    void anUnknownWeekdayInvalidDateOrUnknownZoneIsRefusedNamingIt() {
        assertField(() -> Schedule.builder("Europe/Berlin").weekly("funday", "09:00", "17:00"), "weekly.funday");
        assertField(() -> Schedule.builder("Europe/Berlin").override("2026-02-30", "09:00", "17:00"),
                "overrides.2026-02-30");
        assertField(() -> Schedule.builder("Europe/Berlin").dayOff("24.12.2026"), "overrides.24.12.2026");
        assertField(() -> Schedule.builder("Mars/Olympus_Mons"), "timeZone");
        assertField(() -> Schedule.builder("+02:00"), "timeZone");
    }

    private static void assertField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidFieldException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
