package io.calsync.worker.account;

import java.net.URI;
import java.util.Set;
import java.util.UUID;

/** A calendar of a connected account, as discovery last saw it. */
public record AccountCalendar(
        UUID accountId,
        String calendarId,
        URI url,
        String displayName,
        String color,
        Set<String> components,
        boolean writable) {

    public boolean holdsEvents() {
        return components.isEmpty() || components.contains("VEVENT");
    }

    /** Product rule 7: a Primary Calendar must take events and be writable. */
    public boolean canBePrimary() {
        return holdsEvents() && writable;
    }
}
