package io.calsync.worker.caldav;

import java.net.URI;
import java.util.Set;

/**
 * A calendar collection as the server describes it (RFC 4791 section 5.2).
 *
 * @param id the last path segment of its URL (a GUID on iCloud)
 * @param color {@code #RRGGBBAA} as Apple writes it, or null
 * @param components what it can hold (VEVENT, VTODO, ...); empty when the server did not say (then: anything)
 * @param writable whether the user may write events into it (RFC 3744 current-user-privilege-set)
 */
public record RemoteCalendar(
        String id,
        URI url,
        String displayName,
        String color,
        Set<String> components,
        boolean writable,
        String ctag,
        String syncToken) {

    public boolean holdsEvents() {
        return components.isEmpty() || components.contains("VEVENT");
    }
}
