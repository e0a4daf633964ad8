package io.calsync.standalone;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What the standalone run can be told through environment variables; each has a default that works on a
 * fresh machine.
 *
 * @param home where Kafka's data, an embedded PostgreSQL's data and binaries, the vault key and the token signing
 *     key live ({@code CALSYNC_HOME}, default {@code ./.calsync}); made owner-only ({@code rwx------}) at every start
 * @param workerPort HTTP port of the sync-worker ({@code CALSYNC_WORKER_PORT}, 8081)
 * @param availabilityPort HTTP port of the availability-service ({@code CALSYNC_AVAILABILITY_PORT}, 8082)
 * @param kafkaPort port of the in-process broker ({@code CALSYNC_KAFKA_PORT}, 9092)
 * @param postgresHost machine PostgreSQL to use if it answers ({@code CALSYNC_POSTGRES_HOST}, 127.0.0.1)
 * @param postgresPort its port ({@code CALSYNC_POSTGRES_PORT}, 5432)
 * @param caldavRootUrl where discovery starts ({@code CALSYNC_CALDAV_ROOT_URL}, iCloud)
 * @param caldavInsecureHosts {@code host:port} allowed over plain HTTP ({@code CALSYNC_CALDAV_INSECURE_HOSTS})
 * @param databasePrefix the services use databases {@code <prefix>_worker} and {@code <prefix>_availability}
 *     ({@code CALSYNC_DATABASE_PREFIX}, calsync)
 * @param serviceArguments Spring Boot arguments for both services, e.g. {@code --calsync.poll.interval=10s}: the
 *     launcher's own command-line arguments
 */
record StandaloneSettings(Path home, int workerPort, int availabilityPort, int kafkaPort, String postgresHost,
        int postgresPort, String caldavRootUrl, String caldavInsecureHosts, String databasePrefix,
        List<String> serviceArguments) {

    String workerDatabase() {
        return databasePrefix + "_worker";
    }

    String availabilityDatabase() {
        return databasePrefix + "_availability";
    }

    static StandaloneSettings from(Map<String, String> env, List<String> args) {
        return new StandaloneSettings(
                Path.of(env.getOrDefault("CALSYNC_HOME", ".calsync")).toAbsolutePath(),
                Integer.parseInt(env.getOrDefault("CALSYNC_WORKER_PORT", "8081")),
                Integer.parseInt(env.getOrDefault("CALSYNC_AVAILABILITY_PORT", "8082")),
                Integer.parseInt(env.getOrDefault("CALSYNC_KAFKA_PORT", "9092")),
                env.getOrDefault("CALSYNC_POSTGRES_HOST", "127.0.0.1"),
                Integer.parseInt(env.getOrDefault("CALSYNC_POSTGRES_PORT", "5432")),
                env.getOrDefault("CALSYNC_CALDAV_ROOT_URL", "https://caldav.icloud.com/"),
                env.getOrDefault("CALSYNC_CALDAV_INSECURE_HOSTS", ""),
                env.getOrDefault("CALSYNC_DATABASE_PREFIX", "calsync"),
                List.copyOf(args));
    }
}
