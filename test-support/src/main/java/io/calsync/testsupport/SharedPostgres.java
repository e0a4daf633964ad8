package io.calsync.testsupport;

import io.calsync.infra.PostgresServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.SpringApplication;

/**
 * One real PostgreSQL for the test JVM: the machine's service on 127.0.0.1:5432 when it answers (as on CI
 * machines of this project), else an embedded PostgreSQL. Every {@link #freshDatabase(String)} is a new,
 * empty database, dropped when the JVM exits — after the Spring contexts using it have closed (a Spring Boot
 * shutdown handler: a JVM hook would run at the same time as theirs and pull the database from under them). A
 * JVM that ran no Spring application runs no such handler; what it leaves, and what a killed run leaves, is
 * dropped by a later run once it is an hour old (the creation time is part of the name) and unused.
 */
public final class SharedPostgres {

    private static final String PREFIX = "calsync_test_";
    private static final Pattern CREATED_AT = Pattern.compile(PREFIX + "(\\d+)_.*");

    private static PostgresServer server;
    private static final List<String> created = new ArrayList<>();

    private SharedPostgres() {
    }

    public static synchronized TestDatabase freshDatabase(String purpose) {
        PostgresServer pg = server();
        String name = (PREFIX + Instant.now().getEpochSecond() + "_" + purpose + "_"
                + UUID.randomUUID().toString().substring(0, 8)).toLowerCase().replaceAll("[^a-z0-9_]", "_");
        pg.createDatabaseIfMissing(name);
        created.add(name);
        return new TestDatabase(name, pg.jdbcUrl(name), pg.user(), pg.password());
    }

    private static PostgresServer server() {
        if (server == null) {
            try {
                server = PostgresServer.localOrEmbedded(
                        System.getProperty("calsync.test.postgres.host", "127.0.0.1"),
                        Integer.getInteger("calsync.test.postgres.port", 5432),
                        Files.createTempDirectory("calsync-pg-"), false);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (RuntimeException e) {
                throw new IllegalStateException("no PostgreSQL for the tests: neither the service on 127.0.0.1:5432 "
                        + "(start it: pg_ctlcluster --skip-systemctl-redirect <version> main start) nor an embedded "
                        + "one could be used: " + e.getMessage(), e);
            }
            PostgresServer started = server;
            SpringApplication.getShutdownHandlers().add(() -> {
                synchronized (SharedPostgres.class) {
                    created.forEach(name -> {
                        try {
                            started.dropDatabase(name);
                        } catch (RuntimeException ignored) {
                            // the JVM is exiting; a leftover test database is harmless
                        }
                    });
                }
                started.close();
            });
            dropLeftovers(started);
        }
        return server;
    }

    /** Test databases of earlier runs that are over an hour old and that no one is connected to. */
    private static void dropLeftovers(PostgresServer pg) {
        long hourAgo = Instant.now().minus(Duration.ofHours(1)).getEpochSecond();
        try {
            for (String name : pg.databasesStartingWith(PREFIX)) {
                Matcher created = CREATED_AT.matcher(name);
                if (created.matches() && Long.parseLong(created.group(1)) < hourAgo) {
                    pg.dropDatabaseUnlessInUse(name);
                }
            }
        } catch (RuntimeException notNow) {
            // housekeeping only: a leftover test database is harmless, and the tests need none of this
        }
    }
}
