package io.calsync.worker.account;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * Names one calendar of one of the user's accounts, with how it is read. {@code rules} and {@code timeZone} are
 * optional, so a caller that sends only the calendar keeps working: it gets the default rules and no zone.
 */
public record CalendarRef(
        @NotNull UUID accountId,
        @NotBlank String calendarId,
        @Valid @Schema(description = "Busy rules of this calendar; left out: the defaults") CalendarRules rules,
        @Schema(description = "IANA time zone (e.g. Europe/Berlin) that floating times and all-day dates of this "
                + "calendar are read in when the calendar itself names none (no calendar-timezone, no "
                + "X-WR-TIMEZONE); left out: UTC", example = "Europe/Berlin") String timeZone) {

    /** Just the calendar: default rules, no zone. */
    public CalendarRef(UUID accountId, String calendarId) {
        this(accountId, calendarId, null, null);
    }

    /** Whether both name the same calendar, whatever their rules. */
    boolean sameCalendar(CalendarRef other) {
        return other != null && accountId.equals(other.accountId) && calendarId.equals(other.calendarId);
    }
}
