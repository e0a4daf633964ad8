package io.calsync.worker.ical;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The correctness corpus: every {@code occurrences/<name>.ics} is expanded and compared exactly with
 * {@code <name>.expected}, whose occurrences were worked out by hand from RFC 5545 (the reasoning is in its header).
 *
 * <p>Expected file: {@code #} comments; directives {@code @window <from> <to>} (default the year 2026 in UTC),
 * {@code @collection <zone>} and {@code @fallback <zone>} (the {@link CalendarZone}, default none and UTC),
 * {@code @own <address>...}, {@code @problem <text the problem contains>}; then one line per occurrence:
 * {@code <start> <end>} in UTC, then for all-day ones {@code <startDate> <endDate>}, then {@code single} for an event
 * without recurrence id, {@code rid=<recurrence id>} when it differs from the start, the STATUS when not CONFIRMED,
 * {@code TRANSPARENT}, and {@code partstat=<own PARTSTAT>} when the account is an attendee.
 */
class OccurrenceCorpusUnitTests {

    static Stream<String> cases() {
        return CorpusCase.names().stream();
    }

    @Test
    void theCorpusHasAtLeastThirtyCasesEachWithItsExpectation() throws Exception {
        List<String> names = cases().toList();

        assertThat(names).hasSizeGreaterThanOrEqualTo(30);
        assertThat(names).allSatisfy(n -> assertThat(CorpusCase.folder().resolve(n + ".expected")).exists());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expandsExactlyAsWorkedOutByHand(String name) throws Exception {
        CorpusCase c = CorpusCase.read(name);
        ZoneId collection = c.collectionZone() == null ? null : ZoneId.of(c.collectionZone());

        EventOccurrences.Expansion expansion = EventOccurrences.expand(c.ics(), c.from(), c.to(),
                new CalendarZone(collection, ZoneId.of(c.fallbackZone())), OwnParticipation.of(c.own()));

        if (c.problem() != null) {
            String expectedProblem = c.problem();
            assertThat(expansion.problem()).hasValueSatisfying(p -> assertThat(p).contains(expectedProblem));
            assertThat(expansion.occurrences()).isEmpty();
        } else {
            assertThat(expansion.problem()).isEmpty();
            assertThat(expansion.occurrences().stream().map(OccurrenceCorpusUnitTests::line).sorted().toList())
                    .containsExactlyElementsOf(c.occurrences().stream().sorted().toList());
        }
    }

    static String line(Occurrence o) {
        StringBuilder line = new StringBuilder(o.start() + " " + o.end());
        if (o.allDay()) {
            line.append(' ').append(o.startDate()).append(' ').append(o.endDate());
        }
        String ownKey = o.allDay() ? o.startDate().toString() : o.start().toString();
        if (o.recurrenceId() == null) {
            line.append(" single");
        } else if (!o.recurrenceId().equals(ownKey)) {
            line.append(" rid=").append(o.recurrenceId());
        }
        if (o.status() != EventStatus.CONFIRMED) {
            line.append(' ').append(o.status());
        }
        if (o.transparent()) {
            line.append(" TRANSPARENT");
        }
        if (o.ownPartStat() != PartStat.NOT_INVITED) {
            line.append(" partstat=").append(o.ownPartStat());
        }
        return line.toString();
    }
}
