package io.calsync.worker.poll;

import jakarta.validation.constraints.Min;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Polling of the selected calendars.
 *
 * @param interval how often each calendar is checked (jittered by up to 20 %)
 * @param tick how often the worker looks for calendars that are due, and for slots of calendars no longer selected
 * @param concurrency calendars one instance polls at once (a bounded pool; one slow calendar holds one of them)
 * @param windowPast how far back occurrences become blocked slots
 * @param windowAhead how far ahead occurrences become blocked slots
 * @param lease how long a claimed calendar stays away from other workers; renewed while its poll runs
 * @param statusRefresh how often {@code calendar.sync-status} is published again while a calendar's state stays
 *     the same (a change of state is published at once)
 * @param includeTitles whether slot.blocked may carry the event's title (off: every title is hidden, whatever the
 *     calendar's privacy setting)
 */
@Validated
@ConfigurationProperties("calsync.poll")
public record PollProperties(
        @DefaultValue("60s") Duration interval,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("4") @Min(1) int concurrency,
        @DefaultValue("30d") Duration windowPast,
        @DefaultValue("180d") Duration windowAhead,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("5m") Duration statusRefresh,
        @DefaultValue("true") boolean includeTitles) {
}
