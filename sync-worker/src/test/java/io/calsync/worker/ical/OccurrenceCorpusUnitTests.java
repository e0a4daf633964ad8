package io.calsync.worker.ical;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
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

    private static final Instant DEFAULT_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant DEFAULT_TO = Instant.parse("2027-01-01T00:00:00Z");

    static Path corpus() throws URISyntaxException {
        return Path.of(OccurrenceCorpusUnitTests.class.getResource("/occurrences").toURI());
    }

    static Stream<String> cases() throws IOException, URISyntaxException {
        try (Stream<Path> files = Files.list(corpus())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ics"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList().stream();
        }
    }

    @Test
    void theCorpusHasAtLeastThirtyCasesEachWithItsExpectation() throws Exception {
        List<String> names = cases().toList();

        assertThat(names).hasSizeGreaterThanOrEqualTo(30);
        assertThat(names).allSatisfy(n -> assertThat(corpus().resolve(n + ".expected")).exists());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void expandsExactlyAsWorkedOutByHand(String name) throws Exception {
        String ics = Files.readString(corpus().resolve(name + ".ics"), StandardCharsets.UTF_8);
        Instant from = DEFAULT_FROM;
        Instant to = DEFAULT_TO;
        ZoneId collection = null;
        ZoneId fallback = ZoneId.of("UTC");
        List<String> own = List.of();
        String problem = null;
        List<String> expected = new ArrayList<>();
        for (String raw : Files.readAllLines(corpus().resolve(name + ".expected"), StandardCharsets.UTF_8)) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] words = line.split("\\s+");
            switch (words[0]) {
                case "@window" -> {
                    from = Instant.parse(words[1]);
                    to = Instant.parse(words[2]);
                }
                case "@collection" -> collection = ZoneId.of(words[1]);
                case "@fallback" -> fallback = ZoneId.of(words[1]);
                case "@own" -> own = Arrays.asList(words).subList(1, words.length);
                case "@problem" -> problem = line.substring("@problem".length()).strip();
                default -> expected.add(String.join(" ", words));
            }
        }

        EventOccurrences.Expansion expansion = EventOccurrences.expand(ics, from, to,
                new CalendarZone(collection, fallback), OwnParticipation.of(own));

        if (problem != null) {
            String expectedProblem = problem;
            assertThat(expansion.problem()).hasValueSatisfying(p -> assertThat(p).contains(expectedProblem));
            assertThat(expansion.occurrences()).isEmpty();
        } else {
            assertThat(expansion.problem()).isEmpty();
            assertThat(expansion.occurrences().stream().map(OccurrenceCorpusUnitTests::line).sorted().toList())
                    .containsExactlyElementsOf(expected.stream().sorted().toList());
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
