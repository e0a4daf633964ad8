package io.calsync.worker.account;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/** Names one calendar of one of the user's accounts. */
public record CalendarRef(@NotNull UUID accountId, @NotBlank String calendarId) {
}
