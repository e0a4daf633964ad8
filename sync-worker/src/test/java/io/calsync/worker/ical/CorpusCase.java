package io.calsync.worker.ical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * One case of the occurrence corpus ({@code occurrences/<name>.ics} and {@code <name>.expected}; the format is
 * described in {@link OccurrenceCorpusUnitTests}), as the unit test and the integration test read it.
 *
 * @param collectionZone the {@code @collection} zone, or null
 * @param fallbackZone the {@code @fallback} zone, UTC by default
 * @param problem the text the expansion's problem contains ({@code @problem}), or null
 * @param occurrences the expected occurrence lines
 */
public record CorpusCase(String name, String ics, Instant from, Instant to, String collectionZone, String fallbackZone,
        List<String> own, String problem, List<String> occurrences) {

    static final Instant DEFAULT_FROM = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant DEFAULT_TO = Instant.parse("2027-01-01T00:00:00Z");

    static Path folder() {
        try {
            return Path.of(CorpusCase.class.getResource("/occurrences").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of every case, sorted. */
    public static List<String> names() {
        try (Stream<Path> files = Files.list(folder())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ics"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every case, sorted by name. */
    public static List<CorpusCase> all() {
        return names().stream().map(CorpusCase::read).toList();
    }

    public static CorpusCase read(String name) {
        try {
            String ics = Files.readString(folder().resolve(name + ".ics"), StandardCharsets.UTF_8);
            Instant from = DEFAULT_FROM;
            Instant to = DEFAULT_TO;
            String collection = null;
            String fallback = "UTC";
            List<String> own = List.of();
            String problem = null;
            List<String> occurrences = new ArrayList<>();
            for (String raw : Files.readAllLines(folder().resolve(name + ".expected"), StandardCharsets.UTF_8)) {
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
                    case "@collection" -> collection = words[1];
                    case "@fallback" -> fallback = words[1];
                    case "@own" -> own = Arrays.asList(words).subList(1, words.length);
                    case "@problem" -> problem = line.substring("@problem".length()).strip();
                    default -> occurrences.add(String.join(" ", words));
                }
            }
            return new CorpusCase(name, ics, from, to, collection, fallback, own, problem, occurrences);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read corpus case " + name, e);
        }
    }
}
