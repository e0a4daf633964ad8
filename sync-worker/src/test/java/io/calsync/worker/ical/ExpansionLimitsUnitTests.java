package io.calsync.worker.ical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The bounds on one resource: exactly the limit is expanded, one more is a problem; a too large text is not parsed. */
class ExpansionLimitsUnitTests {

    private static final Instant FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant TO = Instant.parse("2027-01-01T00:00:00Z");

    private static String daily(int count) {
        return """
                BEGIN:VCALENDAR
                VERSION:2.0
                PRODID:x
                BEGIN:VEVENT
                UID:daily
                DTSTAMP:20260101T000000Z
                DTSTART:20260101T090000Z
                DURATION:PT1H
                RRULE:FREQ=DAILY;COUNT=%d
                END:VEVENT
                BEGIN:VEVENT
                UID:daily
                DTSTAMP:20260101T000000Z
                RECURRENCE-ID:20260102T090000Z
                DTSTART:20260102T100000Z
                DURATION:PT1H
                END:VEVENT
                END:VCALENDAR
                """.formatted(count);
    }

    private static EventOccurrences.Expansion expand(String ics, ExpansionLimits limits) {
        return EventOccurrences.expand(ics, FROM, TO, CalendarZone.utc(), OwnParticipation.none(), limits);
    }

    @Test
    void aResourceWithExactlyTheAllowedInstancesIsExpanded() {
        // 4 instances of the master and 1 override: 5 instances generated
        EventOccurrences.Expansion expansion = expand(daily(4), new ExpansionLimits(100_000, 5));

        assertThat(expansion.problem()).isEmpty();
        assertThat(expansion.occurrences()).hasSize(4);
    }

    @Test
    void oneInstanceMoreThanAllowedMakesTheResourceAProblem() {
        EventOccurrences.Expansion expansion = expand(daily(5), new ExpansionLimits(100_000, 5));

        assertThat(expansion.occurrences()).isEmpty();
        assertThat(expansion.problem()).hasValue(
                "more than 5 occurrences in the sync window: the resource is not expanded (limit per resource)");
    }

    @Test
    void theDefaultAllowsAnHourlySeriesOverAMonthButNotOverTheWholeWindow() {
        String hourly = daily(1).replace("FREQ=DAILY;COUNT=1", "FREQ=HOURLY");

        assertThat(EventOccurrences.expand(hourly, FROM, FROM.plusSeconds(30L * 24 * 3600), CalendarZone.utc(),
                OwnParticipation.none()).problem()).isEmpty();
        assertThat(EventOccurrences.expand(hourly, FROM, TO, CalendarZone.utc(), OwnParticipation.none()).problem())
                .hasValueSatisfying(p -> assertThat(p).contains("more than 5000 occurrences"));
    }

    @Test
    void aResourceLargerThanAllowedIsNotParsed() {
        String large = daily(1).replace("END:VEVENT\nBEGIN:VEVENT", "DESCRIPTION:" + "x".repeat(3_000_000)
                + "\nEND:VEVENT\nBEGIN:VEVENT");

        EventOccurrences.Expansion expansion = EventOccurrences.expand(large, FROM, TO);

        assertThat(expansion.occurrences()).isEmpty();
        assertThat(expansion.problem()).hasValueSatisfying(p -> assertThat(p)
                .startsWith("resource too large: ").endsWith("characters, the limit is 2097152"));
    }
}
