package io.calsync.standalone;

import io.calsync.availability.AvailabilityApplication;
import io.calsync.infra.FreePorts;
import io.calsync.infra.KafkaBroker;
import io.calsync.infra.OwnerOnlyDirectory;
import io.calsync.infra.PostgresServer;
import io.calsync.infra.TokenIssuer;
import io.calsync.standalone.cli.CalsyncCli;
import java.io.PrintWriter;
import io.calsync.worker.SyncWorkerApplication;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts calsync on its embedded defaults; see {@link StandaloneSettings} for what can be changed. */
public final class CalsyncStandalone implements AutoCloseable {

    private final KafkaBroker kafka;
    private final PostgresServer postgres;
    private final List<ConfigurableApplicationContext> services = new ArrayList<>();

    private final TokenIssuer tokens;
    private final HomeLock lock;

    private CalsyncStandalone(KafkaBroker kafka, PostgresServer postgres, TokenIssuer tokens, HomeLock lock) {
        this.kafka = kafka;
        this.postgres = postgres;
        this.tokens = tokens;
        this.lock = lock;
    }

    public static void main(String[] args) {
        if (args.length > 0 && CalsyncCli.isCommand(args[0])) {
            System.exit(CalsyncCli.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
        }
        if (args.length > 0 && args[0].equals("operator-token")) {
            System.exit(CalsyncCli.execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true),
                    "token", "--operator"));
        }
        StandaloneSettings settings = StandaloneSettings.from(System.getenv(), List.of(args));
        Path home = OwnerOnlyDirectory.ensure(settings.home());
        // before the first logger: logback.xml writes the full log there, the console gets warnings only
        System.setProperty("calsync.log.dir", OwnerOnlyDirectory.ensure(home.resolve("logs")).toString());
        System.out.println("calsync: starting (home " + home + "; full log in " + home.resolve("logs/calsync.log")
                + ")");
        CalsyncStandalone calsync;
        try {
            calsync = start(settings);
        } catch (HomeLock.HomeInUseException e) {
            System.err.println("calsync: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("calsync: stopping");
            calsync.close();
            System.out.println("calsync: stopped");
        }, "calsync-shutdown"));
        System.out.println(calsync.banner(settings));
    }

    /**
     * Starts everything. The home directory is made owner-only first: all the run writes (keys, Kafka's records,
     * an embedded PostgreSQL) lives in it, and run.sh's {@code umask 077} keeps the files inside owner-only too.
     */
    static CalsyncStandalone start(StandaloneSettings settings) {
        Path home = OwnerOnlyDirectory.ensure(settings.home());
        HomeLock lock = HomeLock.acquire(home);
        KafkaBroker kafka;
        PostgresServer postgres;
        TokenIssuer tokens;
        try {
            int kafkaPort = portOrFree(settings.kafkaPort());
            progress("starting the Kafka broker (in this process, port " + kafkaPort + ")");
            kafka = KafkaBroker.start(home.resolve("kafka"), kafkaPort, FreePorts.next());
            progress("looking for PostgreSQL on " + settings.postgresHost() + ":" + settings.postgresPort()
                    + " (else starting an embedded one)");
            postgres = PostgresServer.localOrEmbedded(settings.postgresHost(), settings.postgresPort(),
                    home.resolve("postgres"), home.resolve("postgres-binaries"), true);
            tokens = TokenIssuer.readOrCreate(home, Clock.systemUTC());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        CalsyncStandalone calsync = new CalsyncStandalone(kafka, postgres, tokens, lock);
        try {
            postgres.createDatabaseIfMissing(settings.workerDatabase());
            postgres.createDatabaseIfMissing(settings.availabilityDatabase());
            String vaultKey = VaultKeyFile.readOrCreate(home.resolve("vault.key"));
            progress("starting the sync-worker on port " + settings.workerPort());
            calsync.run(SyncWorkerApplication.application(), settings, settings.workerPort(), settings.workerDatabase(),
                    "--calsync.vault.current-key-id=local", "--calsync.vault.keys.local=" + vaultKey,
                    "--calsync.caldav.root-url=" + settings.caldavRootUrl(),
                    "--calsync.caldav.insecure-hosts=" + settings.caldavInsecureHosts());
            progress("starting the availability-service on port " + settings.availabilityPort());
            calsync.run(AvailabilityApplication.application(), settings, settings.availabilityPort(),
                    settings.availabilityDatabase());
            return calsync;
        } catch (RuntimeException e) {
            calsync.close();
            throw e;
        }
    }

    private void run(SpringApplication application, StandaloneSettings settings, int port, String database,
            String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                "--spring.datasource.url=" + postgres.jdbcUrl(database),
                "--spring.datasource.username=" + postgres.user(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + tokens.publicKeyLocation(),
                "--spring.main.banner-mode=off"));
        args.addAll(List.of(extra));
        args.addAll(settings.serviceArguments());
        application.setRegisterShutdownHook(false); // closed in order by close(), before the broker stops
        services.add(application.run(args.toArray(String[]::new)));
    }

    String banner(StandaloneSettings settings) {
        return String.join(System.lineSeparator(),
                "",
                "calsync is running",
                "  sync-worker           http://127.0.0.1:" + settings.workerPort() + "   (Integrations API, /actuator/health)",
                "  availability-service  http://127.0.0.1:" + settings.availabilityPort() + "   (availability API, /actuator/health)",
                "  Kafka                 " + kafka.bootstrapServers() + "   (in this process; data in " + kafka.dataDir() + ")",
                "  PostgreSQL            " + postgres.jdbcUrl("")
                        + (postgres.isEmbedded() ? "   (embedded)" : "   (this machine's service)"),
                "  CalDAV                " + settings.caldavRootUrl(),
                "Every API call needs a bearer token whose tenant_id claim is the tenant in the path. A token for",
                "tenant 'demo', valid " + TokenIssuer.DEFAULT_LIFETIME.toHours() + " h (more with: ./calsync token <tenantId>):",
                "  export TOKEN=" + tokens.mint("demo", TokenIssuer.DEFAULT_LIFETIME),
                "  curl -H \"Authorization: Bearer $TOKEN\" http://127.0.0.1:" + settings.workerPort()
                        + "/v1/tenants/demo/users/jane/icloud-accounts",
                "Metrics (/actuator/metrics, /actuator/prometheus) need an operator's token: ./calsync token --operator",
                "Try it: ./calsync --help (README: \"Your first synced appointment\")",
                "Press Ctrl-C to stop.");
    }

    String token(String tenantId) {
        return tokens.mint(tenantId, TokenIssuer.DEFAULT_LIFETIME);
    }

    String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    PostgresServer postgres() {
        return postgres;
    }

    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        kafka.close();
        postgres.close();
        lock.close();
    }

    private static void progress(String step) {
        System.out.println("calsync: " + step + "...");
    }

    private static int portOrFree(int preferred) {
        try (java.net.ServerSocket probe = new java.net.ServerSocket(preferred, 1, java.net.InetAddress.getLoopbackAddress())) {
            return preferred;
        } catch (java.io.IOException taken) {
            return FreePorts.next();
        }
    }
}
