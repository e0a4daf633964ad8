package io.calsync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the local run writes stays with the user who runs it: the records in Kafka's segment files (event titles)
 * and PostgreSQL's files sit in directories no other user can enter. The data directories are made inside a
 * directory open to everyone ({@code rwxr-xr-x}, as a checkout is), so nothing is owner-only by accident.
 */
class OwnerOnlyDataIntegrationTests {

    private static final Set<PosixFilePermission> GROUP_OR_OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    @TempDir
    Path tmp;

    @Test
    void kafkasSegmentFilesLieInAnOwnerOnlyDataDirectory() throws Exception {
        Path checkout = openToEveryone(tmp.resolve("checkout"));
        Path dataDir = checkout.resolve(".calsync/kafka");

        try (KafkaBroker broker = KafkaBroker.start(dataDir)) {
            KafkaBrokerIntegrationTests.produce(broker.bootstrapServers(), "appointments", "Root canal, Dr Who");
        }

        assertThat(mode(dataDir)).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("logs"))).isEqualTo("rwx------");
        assertThat(mode(dataDir.resolve("metadata"))).isEqualTo("rwx------");
        assertThat(segmentsContaining(dataDir, "Root canal, Dr Who")).isNotEmpty()
                .allSatisfy(segment -> assertThat(segment).startsWith(dataDir));
    }

    @Test
    void anExistingKafkaDataDirectoryOpenToOthersIsClosedAtStart() throws Exception {
        Path dataDir = openToEveryone(tmp.resolve("kafka"));
        openToEveryone(dataDir.resolve("logs"));

        try (KafkaBroker broker = KafkaBroker.start(dataDir)) {
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(dataDir.resolve("logs"))).isEqualTo("rwx------");
        }
    }

    /**
     * run.sh starts the JVM under {@code umask 077}: then no file Kafka writes is readable by anyone else either,
     * which is what makes a copy of the data directory (a backup, an archive) safe too.
     */
    @Test
    @Timeout(120)
    void underTheUmaskOfTheLocalRunNoFileOfTheBrokerIsReadableByOthers() throws Exception {
        Path dataDir = openToEveryone(tmp.resolve("checkout")).resolve("kafka");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process broker = new ProcessBuilder(List.of("/bin/sh", "-c", "umask 077 && exec \"$@\"", "sh",
                java, "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(), dataDir.toString(),
                String.valueOf(FreePorts.next()), String.valueOf(FreePorts.next())))
                .redirectError(tmp.resolve("broker.err").toFile())
                .start();
        try {
            String bootstrap = awaitReady(broker);
            KafkaBrokerIntegrationTests.produce(bootstrap, "appointments", "Root canal, Dr Who");
            assertThat(segmentsContaining(dataDir, "Root canal, Dr Who")).isNotEmpty();
            try (Stream<Path> files = Files.walk(dataDir)) {
                assertThat(files.toList()).hasSizeGreaterThan(3)
                        .allSatisfy(file -> assertThat(Files.getPosixFilePermissions(file))
                                .as("mode of %s", file).doesNotContainAnyElementsOf(GROUP_OR_OTHERS));
            }
        } finally {
            broker.destroy();
            if (!broker.waitFor(30, TimeUnit.SECONDS)) {
                broker.destroyForcibly().waitFor();
            }
        }
    }

    @Test
    void anEmbeddedPostgresKeepsItsDataAndItsBinariesInOwnerOnlyDirectories() throws Exception {
        Path home = openToEveryone(tmp.resolve("checkout")).resolve(".calsync");
        Path dataDir = home.resolve("postgres");
        // unpacking the binaries takes half a minute: they are kept in the build directory for the next run
        Path binariesDir = Path.of("target", "owner-only-postgres-binaries").toAbsolutePath();

        try (PostgresServer postgres = PostgresServer.embedded(dataDir, binariesDir, true)) {
            postgres.createDatabaseIfMissing("calsync_worker");
            try (Connection c = DriverManager.getConnection(postgres.jdbcUrl("calsync_worker"), postgres.user(),
                    postgres.password()); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE account (apple_id text)");
                s.execute("INSERT INTO account VALUES ('jane@icloud.com')");
                s.execute("CHECKPOINT");
            }
            assertThat(mode(home)).isEqualTo("rwx------");
            assertThat(mode(dataDir)).isEqualTo("rwx------");
            assertThat(mode(binariesDir)).isEqualTo("rwx------");
            try (Stream<Path> files = Files.walk(dataDir)) {
                assertThat(files.filter(f -> !f.getFileName().toString().equals("epg-lock")).toList())
                        .as("PostgreSQL's own files").hasSizeGreaterThan(100)
                        .allSatisfy(file -> assertThat(Files.getPosixFilePermissions(file))
                                .as("mode of %s", file).doesNotContainAnyElementsOf(GROUP_OR_OTHERS));
            }
        }
    }

    private static String awaitReady(Process broker) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.startsWith(KafkaBrokerMain.READY)) {
                return line.substring(KafkaBrokerMain.READY.length()).trim();
            }
        }
        throw new IllegalStateException("the broker process ended before it was ready");
    }

    private static List<Path> segmentsContaining(Path dataDir, String value) throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".log"))
                    .filter(f -> contains(f, value))
                    .toList();
        }
    }

    private static boolean contains(Path file, String value) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1).contains(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path openToEveryone(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        return dir;
    }

    private static String mode(Path path) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
