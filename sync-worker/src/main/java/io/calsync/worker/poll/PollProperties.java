package io.calsync.worker.poll;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Polling of the selected calendars.
 *
 * @param interval how often each calendar is checked (jittered by up to 20 %)
 * @param tick how often the worker looks for calendars that are due
 * @param windowPast how far back occurrences become blocked slots
 * @param windowAhead how far ahead occurrences become blocked slots
 * @param lease how long a claimed calendar stays away from other workers
 * @param includeTitles whether slot.blocked carries the event's title (turn off for privacy)
 */
@ConfigurationProperties("calsync.poll")
public record PollProperties(
        @DefaultValue("60s") Duration interval,
        @DefaultValue("1s") Duration tick,
        @DefaultValue("30d") Duration windowPast,
        @DefaultValue("180d") Duration windowAhead,
        @DefaultValue("2m") Duration lease,
        @DefaultValue("true") boolean includeTitles) {
}
