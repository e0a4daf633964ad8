package io.calsync.availability.domain;

import static io.calsync.availability.domain.Times.BERLIN;
import static io.calsync.availability.domain.Times.at;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConflictsUnitTests {

    private static final Schedule MORNINGS = Schedule.builder(BERLIN).weekly("monday", "09:00", "12:00").build();
    private static final BusyTime<String> BUSY = BusyTime.of(List.of(
            new BusyItem<>(interval("10:00", "10:45"), "appointment a-1"),
            new BusyItem<>(interval("10:30", "11:00"), "icloud work/ev-7"),
            new BusyItem<>(interval("13:00", "14:00"), "native n-3")));

    private static Interval interval(String start, String end) {
        return new Interval(at("2026-12-07T" + start, BERLIN), at("2026-12-07T" + end, BERLIN));
    }

    @Test
    void aProposalOverlappingBusyTimeNamesEverySourceItMeets() {
        ConflictReport<String> report = Conflicts.check(interval("10:40", "11:10"), Duration.ZERO, Duration.ZERO, BUSY,
                MORNINGS);

        assertThat(report.conflicting()).isTrue();
        assertThat(report.conflicts()).extracting(BusyItem::source)
                .containsExactly("appointment a-1", "icloud work/ev-7");
        assertThat(report.insideSchedule()).isTrue();
    }

    @Test
    void touchingBusyTimeIsNoConflictButBuffersMakeItOne() {
        Interval afterMeeting = interval("11:00", "11:30");

        assertThat(Conflicts.check(afterMeeting, Duration.ZERO, Duration.ZERO, BUSY, MORNINGS).conflicting())
                .isFalse();
        ConflictReport<String> buffered = Conflicts.check(afterMeeting, Duration.ofMinutes(10), Duration.ZERO, BUSY,
                MORNINGS);
        assertThat(buffered.conflicts()).extracting(BusyItem::source).containsExactly("icloud work/ev-7");
        assertThat(buffered.guarded()).isEqualTo(interval("10:50", "11:30"));
        assertThat(Conflicts.check(interval("12:00", "12:30"), Duration.ZERO, Duration.ofMinutes(30), BUSY,
                Schedule.allDay(BERLIN)).conflicts()).isEmpty();
        assertThat(Conflicts.check(interval("12:00", "12:30"), Duration.ZERO, Duration.ofMinutes(31), BUSY,
                Schedule.allDay(BERLIN)).conflicts()).extracting(BusyItem::source).containsExactly("native n-3");
    }

    @Test
    void aFreeProposalOutsideWorkingHoursIsReportedAsSuch() {
        ConflictReport<String> report = Conflicts.check(interval("11:30", "12:30"), Duration.ZERO, Duration.ZERO, BUSY,
                MORNINGS);

        assertThat(report.conflicting()).isFalse();
        assertThat(report.insideSchedule()).isFalse();
        assertThat(Conflicts.check(interval("11:30", "12:30"), Duration.ZERO, Duration.ZERO, BUSY,
                Schedule.allDay(BERLIN)).insideSchedule()).isTrue();
    }

    @Test
    void negativeBuffersAreRefusedNamingTheField() {
        assertThatThrownBy(() -> Conflicts.check(interval("11:30", "12:00"), Duration.ofMinutes(-5), Duration.ZERO,
                BUSY, MORNINGS)).isInstanceOfSatisfying(InvalidFieldException.class,
                        e -> assertThat(e.field()).isEqualTo("bufferBefore"));
    }
}
