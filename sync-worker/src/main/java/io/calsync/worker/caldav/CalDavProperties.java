package io.calsync.worker.caldav;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * How calsync reaches iCloud, and how much of an answer it accepts: Apple's answers are untrusted input, so each
 * call has a deadline and each answer a size limit.
 *
 * @param rootUrl discovery starts here; iCloud's is {@code https://caldav.icloud.com/}
 * @param insecureHosts {@code host:port} pairs that may be spoken to over plain HTTP (a local CalDAV server in
 *     tests or development); everything else must be HTTPS
 * @param connectTimeout time to open a connection to Apple
 * @param readTimeout time to wait for any response byte from Apple (silence longer than this is a timeout)
 * @param callDeadline time for a whole call: waiting for a connection, connecting, sending and reading the complete
 *     answer; a server that trickles its answer is cut off here, and the call counts as a timeout
 * @param maxResponseSize the largest answer body read from Apple; a larger one is refused (checked against
 *     {@code Content-Length} first, then counted while reading, so memory stays bounded)
 * @param maxCalendars the most calendars one account's home may list; an account with more is refused at connect
 *     and nothing is saved
 * @param maxXmlDepth the deepest element nesting accepted in a WebDAV answer (real ones need about 10)
 * @param maxDisplayNameLength calendar names longer than this are cut to this many characters (a long name is odd
 *     but harmless; refusing it would lock the user out of the account)
 * @param maxConnections connections to Apple open at once, all accounts together
 */
@Validated
@ConfigurationProperties("calsync.caldav")
public record CalDavProperties(
        @NotNull @DefaultValue("https://caldav.icloud.com/") URI rootUrl,
        @DefaultValue List<String> insecureHosts,
        @NotNull @DefaultValue("10s") Duration connectTimeout,
        @NotNull @DefaultValue("30s") Duration readTimeout,
        @NotNull @DefaultValue("60s") Duration callDeadline,
        @NotNull @DefaultValue("4MB") DataSize maxResponseSize,
        @Min(1) @DefaultValue("200") int maxCalendars,
        @Min(8) @Max(1000) @DefaultValue("64") int maxXmlDepth,
        @Min(1) @DefaultValue("256") int maxDisplayNameLength,
        @DefaultValue("32") int maxConnections) {
}
