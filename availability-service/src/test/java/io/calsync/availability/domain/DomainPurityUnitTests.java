package io.calsync.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The domain stays free of frameworks and infrastructure (java.time and Guava only). The project-wide ArchUnit rules
 * in the standalone module check compiled classes; this one fails as soon as a source file of this package imports
 * the wrong thing, in this module's own test run.
 */
class DomainPurityUnitTests {

    private static final Path DOMAIN = Path.of("src/main/java/io/calsync/availability/domain");
    private static final List<String> ALLOWED = List.of("import java.", "import static java.", "import com.google.common.");

    @Test
    void theDomainImportsOnlyJavaAndGuava() throws IOException {
        List<String> imports;
        try (Stream<Path> files = Files.list(DOMAIN)) {
            imports = files.filter(f -> f.toString().endsWith(".java")).flatMap(DomainPurityUnitTests::lines)
                    .filter(line -> line.startsWith("import ")).distinct().toList();
        }

        assertThat(imports).as("imports of " + DOMAIN.toAbsolutePath()).isNotEmpty()
                .allSatisfy(line -> assertThat(ALLOWED).anySatisfy(prefix -> assertThat(line).startsWith(prefix)));
    }

    private static Stream<String> lines(Path file) {
        try {
            return Files.readAllLines(file).stream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
