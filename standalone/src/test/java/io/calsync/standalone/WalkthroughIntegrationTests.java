package io.calsync.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's local walkthrough, run as written: its commands are read from README.md (between the
 * {@code walkthrough:local} markers) and run by bash from the repository root, the first two terminals in the
 * background, the third in the foreground. Runs after the standalone jar is packaged (failsafe), with a home and
 * databases of its own; what it needs of the output is what the README says the reader will see.
 */
class WalkthroughIntegrationTests {

    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();
    private static final Pattern BLOCK = Pattern.compile(
            "<!-- walkthrough:local -->\\s*```bash\\n(.*?)```\\s*<!-- /walkthrough:local -->", Pattern.DOTALL);

    private final List<Process> background = new ArrayList<>();
    private final String prefix = "calsync_walk_" + UUID.randomUUID().toString().substring(0, 8);
    private Path home;

    @Test
    void theLocalWalkthroughReachesASyncedAppointmentAndAFreeSlotsAnswer() throws Exception {
        List<String> terminals = terminals(Files.readString(ROOT.resolve("README.md")));
        assertThat(terminals).as("the README's walkthrough has three terminals").hasSize(3);
        home = Files.createTempDirectory("calsync-walkthrough-");

        Path caldavOut = home.resolve("terminal-1.log");
        background.add(bash(terminals.get(0), caldavOut));
        awaitLine(caldavOut, "Press Ctrl-C to stop.", Duration.ofSeconds(60));
        Path calsyncOut = home.resolve("terminal-2.log");
        background.add(bash(terminals.get(1), calsyncOut));
        awaitLine(calsyncOut, "calsync is running", Duration.ofSeconds(360)); // a loaded 2-core machine took 4 min

        // the same command again, on the same home: refused at once with one line, the first calsync unharmed
        Path againOut = home.resolve("terminal-2-again.log");
        Process again = bash(terminals.get(1), againOut);
        assertThat(again.waitFor(120, TimeUnit.SECONDS)).as("a second calsync on the same home stops by itself").isTrue();
        String refused = Files.readString(againOut);
        assertThat(again.exitValue()).as("exit code of the second calsync; its output:%n%s", refused).isEqualTo(1);
        assertThat(refused).contains("calsync: another calsync is running with home " + home, "CALSYNC_HOME")
                .doesNotContain("Exception", "\tat ", "calsync: starting the Kafka broker");

        Path userOut = home.resolve("terminal-3.log");
        Process user = bash("set -e\n" + terminals.get(2), userOut);
        assertThat(user.waitFor(180, TimeUnit.SECONDS)).as("the third terminal's commands finish").isTrue();
        String output = Files.readString(userOut);
        assertThat(user.exitValue()).as("exit code of the third terminal; its output:%n%s", output).isZero();

        assertThat(output).contains("connected account", "primary    work of account", "conflicts  family of account",
                "synced: CREATED in calendar work");
        assertThat(output).containsPattern("busy \\d{4}-\\d{2}-\\d{2} 10:00 \\.\\. \\d{4}-\\d{2}-\\d{2} 10:30  APPOINTMENT");
        assertThat(output).containsPattern("free \\d{4}-\\d{2}-\\d{2} 00:00 \\.\\. \\d{4}-\\d{2}-\\d{2} 10:00")
                .containsPattern("free \\d{4}-\\d{2}-\\d{2} 10:30 \\.\\. \\d{4}-\\d{2}-\\d{2} 00:00");
        String console = Files.readString(calsyncOut);
        assertThat(console).as("a quiet start: the launcher's lines and the banner, no library chatter; was:%n%s",
                console).contains("calsync: starting the Kafka broker", "calsync is running", "export TOKEN=")
                .doesNotContain("ProducerConfig values", "ConsumerConfig values", " INFO ", " WARN ");
        assertThat(home.resolve("logs/calsync.log")).as("the full log, in CALSYNC_HOME").isNotEmptyFile();
    }

    /** The code block's lines, split at its numbered comments ("# 1.", "# 2.", ...) into terminals. */
    static List<String> terminals(String readme) {
        Matcher block = BLOCK.matcher(readme);
        assertThat(block.find()).as("README.md has the walkthrough:local block").isTrue();
        List<String> terminals = new ArrayList<>();
        StringBuilder current = null;
        for (String line : block.group(1).split("\n")) {
            if (line.matches("# \\d+\\..*")) {
                if (current != null) {
                    terminals.add(current.toString());
                }
                current = new StringBuilder();
            } else if (current != null && !line.isBlank() && !line.startsWith("#")) {
                current.append(line).append('\n');
            }
        }
        if (current != null) {
            terminals.add(current.toString());
        }
        return terminals;
    }

    private Process bash(String script, Path output) throws IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", script).directory(ROOT.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.put("CALSYNC_HOME", home.toString());
        env.put("CALSYNC_DATABASE_PREFIX", prefix);
        env.remove("CALSYNC_APP_PASSWORD");
        // every JVM the commands start compiles with C1 only: the test shares two cores with the fault suite, and C2's
        // compile work for a run of a few minutes costs more than it saves (the JVMs print "Picked up ..." once)
        env.put("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=1");
        return builder.start();
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static void awaitLine(Path output, String line, Duration atMost) {
        Awaitility.await(line).atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> Files.exists(output) && Files.readString(output, StandardCharsets.UTF_8).contains(line));
    }

    @AfterEach
    void stop() throws Exception {
        for (Process process : background) {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
        }
        for (Process process : background) {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
        deleteRecursively(home);
        // the machine's PostgreSQL keeps the walkthrough's databases; an embedded one lived in the home, gone with it
        try (Connection postgres = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres?connectTimeout=3",
                "postgres", ""); Statement sql = postgres.createStatement()) {
            sql.execute("DROP DATABASE IF EXISTS " + prefix + "_worker WITH (FORCE)");
            sql.execute("DROP DATABASE IF EXISTS " + prefix + "_availability WITH (FORCE)");
        } catch (SQLException noMachinePostgres) {
            // nothing to drop
        }
    }
}
