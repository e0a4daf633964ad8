package io.calsync.worker.account;

import io.calsync.contracts.ReleaseReason;
import java.util.List;

/** Calendars stopped being read (deselected, gone from iCloud, or their account disconnected): their slots go. */
public record CalendarsDeselected(List<CalendarSelection> calendars, ReleaseReason reason) {
}
