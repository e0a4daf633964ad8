package io.calsync.worker.caldav;

import java.net.URI;
import java.util.List;

/** What discovery found for an Apple ID: its principal, its calendar home (often on another host) and calendars. */
public record DiscoveredAccount(URI principalUrl, URI calendarHomeUrl, List<RemoteCalendar> calendars) {
}
