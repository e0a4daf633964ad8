package io.calsync.availability.settings;

import io.calsync.availability.domain.FreshnessSettings;
import io.calsync.availability.domain.InvalidFieldException;
import io.calsync.availability.domain.StalePolicy;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;

/** A tenant's availability settings as the API reads and writes them. */
@Schema(description = "How far a tenant trusts synced calendar data")
public record SettingsDocument(
        @Schema(description = "ISO 8601 duration (1 minute to 7 days): a calendar not synced successfully for longer is stale",
                example = "PT15M", requiredMode = Schema.RequiredMode.REQUIRED)
        String staleAfter,
        @Schema(description = "What a stale or failing calendar does to its user's free slots, conflicts and team slots: "
                + "BUSY (the whole window is busy), LAST_KNOWN (counts as it last was) or FAIL (503)",
                allowableValues = {"BUSY", "LAST_KNOWN", "FAIL"}, example = "BUSY", requiredMode = Schema.RequiredMode.REQUIRED)
        String stalePolicy) {

    static final Duration MIN_STALE_AFTER = Duration.ofMinutes(1);
    static final Duration MAX_STALE_AFTER = Duration.ofDays(7);

    public FreshnessSettings toSettings() {
        if (staleAfter == null) {
            throw new InvalidFieldException("staleAfter", "is required, e.g. PT15M");
        }
        Duration threshold;
        try {
            threshold = Duration.parse(staleAfter);
        } catch (DateTimeParseException e) {
            throw new InvalidFieldException("staleAfter", "is not an ISO 8601 duration such as PT15M");
        }
        if (threshold.compareTo(MIN_STALE_AFTER) < 0 || threshold.compareTo(MAX_STALE_AFTER) > 0) {
            throw new InvalidFieldException("staleAfter", "must be between 1 minute and 7 days");
        }
        StalePolicy policy = Arrays.stream(StalePolicy.values()).filter(p -> p.name().equals(stalePolicy)).findFirst()
                .orElseThrow(() -> new InvalidFieldException("stalePolicy", "must be BUSY, LAST_KNOWN or FAIL"));
        return new FreshnessSettings(threshold, policy);
    }

    public static SettingsDocument of(FreshnessSettings settings) {
        return new SettingsDocument(settings.staleAfter().toString(), settings.policy().name());
    }
}
