package io.calsync.standalone.cli;

import io.calsync.infra.TokenIssuer;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Where the running calsync is and whose token to use: the options every command that calls it shares. */
final class Target {

    @Option(names = "--home", defaultValue = "${env:CALSYNC_HOME:-.calsync}",
            description = "the running calsync's home, whose signing key makes the token (default: ${DEFAULT-VALUE})")
    Path home;

    @Option(names = "--worker", defaultValue = "${env:CALSYNC_WORKER_URL:-http://127.0.0.1:8081}",
            description = "the sync-worker's URL (default: ${DEFAULT-VALUE})")
    URI worker;

    @Option(names = "--availability", defaultValue = "${env:CALSYNC_AVAILABILITY_URL:-http://127.0.0.1:8082}",
            description = "the availability-service's URL (default: ${DEFAULT-VALUE})")
    URI availability;

    @Option(names = "--kafka", defaultValue = "${env:CALSYNC_KAFKA:-127.0.0.1:9092}",
            description = "the Kafka bootstrap servers (default: ${DEFAULT-VALUE})")
    String kafka;

    @Option(names = {"-t", "--tenant"}, defaultValue = "demo", description = "the tenant (default: ${DEFAULT-VALUE})")
    String tenant;

    @Option(names = "--json", description = "print JSON (for scripts) instead of text")
    boolean json;

    /** A token for the tenant, signed with the running calsync's key; no key there is an error, not a new key. */
    String token() {
        Path absolute = home.toAbsolutePath();
        if (!TokenIssuer.existsIn(absolute)) {
            throw new CliException("no calsync signing key in " + absolute + ": start ./run.sh first, or pass the"
                    + " running calsync's home with --home or CALSYNC_HOME");
        }
        return TokenIssuer.readOrCreate(absolute, Clock.systemUTC()).mint(tenant, TokenIssuer.DEFAULT_LIFETIME);
    }

    Api api() {
        return new Api(token());
    }

    String usersPath(String user) {
        return "/v1/tenants/" + tenant + "/users/" + user;
    }
}
