package io.calsync.standalone.cli;

import io.calsync.infra.OwnerOnlyDirectory;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A local CalDAV server for trying calsync without an Apple account: Radicale on loopback, one user whose name looks
 * like an Apple ID and whose password looks like an app-specific password (calsync checks both formats), with a
 * "Work" and a "Family" calendar. Its data lives in {@code CALSYNC_HOME/caldav}; it runs until Ctrl-C.
 */
@Command(name = "local-caldav", description = "Run a local CalDAV server (Radicale) with a user and two calendars.")
final class LocalCalDav implements Callable<Integer> {

    private static final String LETTERS = "abcdefghijklmnopqrstuvwxyz";

    @Spec CommandSpec spec;

    @Option(names = "--home", defaultValue = "${env:CALSYNC_HOME:-.calsync}", description = "calsync's home (default:"
            + " ${DEFAULT-VALUE}); the server's data goes into its caldav folder")
    Path home;

    @Option(names = "--port", defaultValue = "5232", description = "port on 127.0.0.1 (default: ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--user", defaultValue = "jane@icloud.test", description = "the user, shaped like an Apple ID"
            + " (default: ${DEFAULT-VALUE})")
    String user;

    @Override
    public Integer call() throws Exception {
        Path radicale = List.of(Path.of("/usr/bin/radicale"), Path.of("/usr/local/bin/radicale")).stream()
                .filter(Files::isExecutable).findFirst().orElseThrow(() -> new CliException(
                        "Radicale is not installed: apt-get install -y radicale (./test.sh installs it too)"));
        Path dir = OwnerOnlyDirectory.ensure(home.toAbsolutePath().resolve("caldav"));
        Path users = dir.resolve("users");
        String chosen = System.getenv("CALSYNC_APP_PASSWORD");
        String password = chosen != null && !chosen.isBlank() ? chosen.strip()
                : Files.exists(users) ? passwordOf(users) : null;
        if (password == null) {
            password = appSpecificPassword();
        }
        Files.writeString(users, user + ":" + password + "\n");
        Path config = dir.resolve("config");
        Files.writeString(config, String.join("\n", "[server]", "hosts = 127.0.0.1:" + port,
                "[auth]", "type = htpasswd", "htpasswd_filename = " + users, "htpasswd_encryption = plain", "delay = 0",
                "[storage]", "filesystem_folder = " + Files.createDirectories(dir.resolve("collections")),
                "[rights]", "type = owner_only", "[web]", "type = none", "[logging]", "level = warning", ""));
        Process server = new ProcessBuilder(radicale.toString(), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("radicale.log").toFile()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(server::destroy, "radicale-stop"));
        awaitListening(server, dir);
        createCalendar(password, "work", "Work");
        createCalendar(password, "family", "Family");
        String url = "http://127.0.0.1:" + port + "/";
        spec.commandLine().getOut().println(String.join(System.lineSeparator(),
                "local CalDAV server on " + url + " (Radicale; data in " + dir + ")",
                "  user      " + user,
                "  password  " + password + "   (shaped like an app-specific password; local only;"
                        + " CALSYNC_APP_PASSWORD chooses it)",
                "  calendars work (Work), family (Family)",
                "Start calsync against it, in another terminal:",
                "  CALSYNC_CALDAV_ROOT_URL=" + url + " CALSYNC_CALDAV_INSECURE_HOSTS=127.0.0.1:" + port + " ./run.sh",
                "Press Ctrl-C to stop."));
        spec.commandLine().getOut().flush();
        return server.waitFor() == 0 ? 0 : 1;
    }

    private static String passwordOf(Path users) throws IOException {
        String line = Files.readString(users).strip();
        int colon = line.indexOf(':');
        return colon < 0 ? null : line.substring(colon + 1);
    }

    /** Four groups of four lowercase letters: the shape of an Apple app-specific password. */
    private static String appSpecificPassword() {
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            password.append(i > 0 && i % 4 == 0 ? "-" : "").append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return password.toString();
    }

    private void awaitListening(Process server, Path dir) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            if (!server.isAlive()) {
                throw new CliException("Radicale stopped: " + Files.readString(dir.resolve("radicale.log")).strip()
                        + " (is port " + port + " taken? choose another with --port)");
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                java.util.concurrent.locks.LockSupport.parkNanos(100_000_000L);
            }
        }
        server.destroyForcibly();
        throw new CliException("Radicale did not listen on port " + port + " within 20 s");
    }

    /** MKCALENDAR, unless the calendar exists already (a second start keeps the data). */
    private void createCalendar(String password, String id, String name) throws IOException, InterruptedException {
        String body = """
                <?xml version="1.0" encoding="utf-8"?>
                <C:mkcalendar xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:set><D:prop><D:displayname>%s</D:displayname>
                    <C:supported-calendar-component-set><C:comp name="VEVENT"/></C:supported-calendar-component-set>
                  </D:prop></D:set>
                </C:mkcalendar>""".formatted(name);
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/" + user + "/" + id + "/"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + password).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/xml")
                .method("MKCALENDAR", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 201 && response.statusCode() != 405 && response.statusCode() != 409) {
            throw new CliException("the local CalDAV server refused to create calendar " + id + ": "
                    + response.statusCode());
        }
    }
}
