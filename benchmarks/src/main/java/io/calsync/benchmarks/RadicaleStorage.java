package io.calsync.benchmarks;

import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.Radicale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Radicale 3.1's filesystem storage, written directly: thousands of calendars and events in seconds, where as many
 * PUTs would take minutes. The layout is {@code <folder>/collection-root/<user>/<calendar>/}, a {@code .Radicale.props}
 * JSON file for the collection's properties and one {@code .ics} file per event; Radicale builds its caches
 * ({@code .Radicale.cache/item}, {@code history}, {@code sync-token}) itself on first read, and a user's principal
 * collection is a plain folder. Only for collections nothing has read yet: changes to read ones go through CalDAV,
 * so that Radicale's sync history sees them.
 */
final class RadicaleStorage {

    private final Path root;

    private RadicaleStorage(Path root) {
        this.root = root;
    }

    /** The storage of a running Radicale, found from its {@code --config} file's {@code filesystem_folder}. */
    static RadicaleStorage of(Radicale radicale) {
        try {
            String[] args = Files.readString(Path.of("/proc/" + radicale.pid() + "/cmdline")).split("\0");
            for (int i = 0; i + 1 < args.length; i++) {
                if (args[i].equals("--config")) {
                    for (String line : Files.readAllLines(Path.of(args[i + 1]))) {
                        if (line.startsWith("filesystem_folder")) {
                            return new RadicaleStorage(Path.of(line.substring(line.indexOf('=') + 1).trim())
                                    .resolve("collection-root"));
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Radicale's command line or config", e);
        }
        throw new IllegalStateException("Radicale " + radicale.pid() + " has no --config with filesystem_folder");
    }

    /** A new calendar holding VEVENTs, with {@code events} (resource name → iCalendar text) in it. */
    void createCalendar(CalDavUser user, String calendarId, String displayName, Map<String, String> events) {
        try {
            Path calendar = Files.createDirectories(root.resolve(user.username()).resolve(calendarId));
            Files.writeString(calendar.resolve(".Radicale.props"), "{\"C:supported-calendar-component-set\": \"VEVENT\", "
                    + "\"D:displayname\": \"" + displayName + "\", \"tag\": \"VCALENDAR\"}");
            for (Map.Entry<String, String> event : events.entrySet()) {
                Files.write(calendar.resolve(event.getKey()), event.getValue().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write calendar " + calendarId + " into Radicale's storage", e);
        }
    }
}
