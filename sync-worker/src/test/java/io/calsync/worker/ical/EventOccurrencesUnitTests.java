package io.calsync.worker.ical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EventOccurrencesUnitTests {

    private static final Instant FROM = Instant.parse("2026-11-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-01-31T00:00:00Z");

    static String ics(String name) {
        try (InputStream in = EventOccurrencesUnitTests.class.getResourceAsStream("/ics/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void weeklySeries_exdateSkips_movedOverrideMoves_cancelledOverrideFrees() {
        EventOccurrences.Expansion expansion = EventOccurrences.expand(
                ics("icloud-weekly-with-moved-and-cancelled-override.ics"), FROM, TO);

        assertThat(expansion.problem()).isEmpty();
        assertThat(expansion.occurrences()).extracting(Occurrence::start, Occurrence::end, Occurrence::recurrenceId)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-02T08:00:00Z"),
                                Instant.parse("2026-12-02T09:00:00Z"), "2026-12-02T08:00:00Z"),
                        // the 9th moved from 09:00 to 15:00 Berlin time
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-09T14:00:00Z"),
                                Instant.parse("2026-12-09T15:00:00Z"), "2026-12-09T08:00:00Z"),
                        // the 16th is an EXDATE, the 23rd is cancelled
                        org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-30T08:00:00Z"),
                                Instant.parse("2026-12-30T09:00:00Z"), "2026-12-30T08:00:00Z"));
        assertThat(expansion.occurrences()).filteredOn(o -> o.start().equals(Instant.parse("2026-12-09T14:00:00Z")))
                .extracting(Occurrence::title).containsExactly("Team sync (moved)");
    }

    @Test
    void allDaySeriesUsesExclusiveEndDatesAndDateExdates() {
        List<Occurrence> occurrences = EventOccurrences.expand(ics("icloud-all-day-with-exdate.ics"), FROM, TO)
                .occurrences();

        assertThat(occurrences).allMatch(Occurrence::allDay);
        assertThat(occurrences).extracting(Occurrence::start, Occurrence::end).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-01T00:00:00Z"), Instant.parse("2026-12-03T00:00:00Z")),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2026-12-15T00:00:00Z"), Instant.parse("2026-12-17T00:00:00Z")));
        assertThat(occurrences).extracting(Occurrence::recurrenceId).containsExactlyInAnyOrder("2026-12-01", "2026-12-15");
    }

    @Test
    void transparentEventsAreMarkedAlwaysFreeAndSingleEventsHaveNoRecurrenceId() {
        List<Occurrence> occurrences = EventOccurrences.expand(ics("transparent-and-single.ics"), FROM, TO).occurrences();

        assertThat(occurrences).filteredOn(o -> !o.alwaysFree()).singleElement().satisfies(o -> {
            assertThat(o.uid()).isEqualTo("busy-1");
            assertThat(o.recurrenceId()).isNull();
            assertThat(o.title()).isEqualTo("Dentist");
            assertThat(o.ownPartStat()).isEqualTo(PartStat.NOT_INVITED);
        });
        assertThat(occurrences).filteredOn(Occurrence::alwaysFree).singleElement()
                .satisfies(o -> assertThat(o.uid()).isEqualTo("free-1"));
    }

    @Test
    void occurrencesOutsideTheWindowAreLeftOut() {
        List<Occurrence> occurrences = EventOccurrences.expand(ics("transparent-and-single.ics"),
                Instant.parse("2026-12-05T15:00:00Z"), TO).occurrences();

        assertThat(occurrences).isEmpty();
    }

    /** Issue 9: read as UTC it would block the wrong hours silently; as a problem the caller keeps its old slots. */
    @Test
    void anUnknownTimeZoneIsAProblemNamingTheTzidRatherThanTimeReadAsUtc() {
        EventOccurrences.Expansion expansion = EventOccurrences.expand(ics("unknown-tzid.ics"), FROM, TO);

        assertThat(expansion.occurrences()).isEmpty();
        assertThat(expansion.problem()).hasValueSatisfying(p -> assertThat(p)
                .contains("mars-1").contains("unknown time zone 'Mars/Olympus'"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not a calendar", "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n", "BEGIN:VCALENDAR\r\nEND:VEVENT\r\n"})
    void brokenICalendarIsAProblemNotACrash(String broken) {
        EventOccurrences.Expansion expansion = EventOccurrences.expand(broken, FROM, TO);

        assertThat(expansion.occurrences()).isEmpty();
        assertThat(expansion.problem()).isPresent();
    }

    @Test
    void anEventWithoutDtendBlocksNothingUnlessAllDay() {
        String noEnd = """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:x\r
                BEGIN:VEVENT\r
                UID:reminder\r
                DTSTAMP:20261101T000000Z\r
                DTSTART:20261205T090000Z\r
                END:VEVENT\r
                BEGIN:VEVENT\r
                UID:holiday\r
                DTSTAMP:20261101T000000Z\r
                DTSTART;VALUE=DATE:20261224\r
                END:VEVENT\r
                END:VCALENDAR\r
                """;
        List<Occurrence> occurrences = EventOccurrences.expand(noEnd, FROM, TO).occurrences();

        assertThat(occurrences).singleElement().satisfies(o -> {
            assertThat(o.uid()).isEqualTo("holiday");
            assertThat(o.end()).isEqualTo(Instant.parse("2026-12-25T00:00:00Z"));
        });
    }
}
