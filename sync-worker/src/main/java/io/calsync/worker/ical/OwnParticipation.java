package io.calsync.worker.ical;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which of an event's attendees is the account itself, by the account's own calendar user addresses (the
 * principal's {@code calendar-user-address-set}, RFC 6638, and the Apple ID). Addresses compare case-insensitively,
 * with or without their {@code mailto:} scheme, since iCloud writes both {@code mailto:} and {@code MAILTO:}.
 */
public final class OwnParticipation {

    private final Set<String> ownAddresses;

    private OwnParticipation(Set<String> ownAddresses) {
        this.ownAddresses = ownAddresses;
    }

    public static OwnParticipation of(Collection<String> ownAddresses) {
        return new OwnParticipation(ownAddresses.stream().map(OwnParticipation::normalized).collect(Collectors.toSet()));
    }

    /** Nobody known: every occurrence is {@link PartStat#NOT_INVITED}. */
    public static OwnParticipation none() {
        return new OwnParticipation(Set.of());
    }

    /**
     * The account's answer among {@code attendees} (calendar user address → PARTSTAT parameter value, null when the
     * entry has none); the first matching entry wins.
     */
    public PartStat partStat(Map<String, String> attendees) {
        for (Map.Entry<String, String> attendee : attendees.entrySet()) {
            if (ownAddresses.contains(normalized(attendee.getKey()))) {
                return PartStat.ofParameter(attendee.getValue());
            }
        }
        return PartStat.NOT_INVITED;
    }

    static String normalized(String address) {
        String trimmed = address.trim();
        if (trimmed.regionMatches(true, 0, "mailto:", 0, 7)) {
            trimmed = trimmed.substring(7).trim();
        }
        return trimmed.toLowerCase(Locale.ROOT);
    }
}
