package io.calsync.worker.caldav;

import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How calsync reaches iCloud.
 *
 * @param rootUrl discovery starts here; iCloud's is {@code https://caldav.icloud.com/}
 * @param insecureHosts {@code host:port} pairs that may be spoken to over plain HTTP (a local CalDAV server in
 *     tests or development); everything else must be HTTPS
 * @param connectTimeout time to open a connection to Apple
 * @param readTimeout time to wait for any response byte from Apple
 * @param maxConnections connections to Apple open at once, all accounts together
 */
@Validated
@ConfigurationProperties("calsync.caldav")
public record CalDavProperties(
        @NotNull @DefaultValue("https://caldav.icloud.com/") URI rootUrl,
        @DefaultValue List<String> insecureHosts,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout,
        @DefaultValue("32") int maxConnections) {
}
