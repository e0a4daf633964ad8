package io.calsync.worker.push;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The dispatcher that writes appointments to iCloud.
 *
 * @param interval pause between two looks at the work queue when it was empty; also how long the dispatcher
 *     reuses its list of accounts with due work
 * @param batchSize appointments one worker claims at a time
 * @param lease how long a claim keeps other workers away; a crashed worker's claims expire after it
 * @param maxBackoff the longest wait between two attempts of a failing appointment
 * @param concurrency requests to Apple at once by one instance's push path; it works {@link #accountsAtOnce()}
 *     accounts at once (each account's appointments go one after another), so that while some record what their
 *     last request came to and claim their next, the others' requests keep this many in flight
 */
@ConfigurationProperties("calsync.push")
public record PushProperties(
        @DefaultValue("250ms") Duration interval,
        @DefaultValue("20") int batchSize,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("15m") Duration maxBackoff,
        @DefaultValue("8") int concurrency) {

    /** Accounts worked at once: a quarter more than requests may be in flight (at least one more). */
    public int accountsAtOnce() {
        return concurrency + Math.max(1, concurrency / 4);
    }
}
