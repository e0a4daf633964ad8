package io.calsync.worker.ical;

/**
 * The participation status of the account's own ATTENDEE entry (RFC 5545 section 3.2.12), or {@link #NOT_INVITED}
 * when none of the event's attendees is the account (its own event, or one without attendees).
 */
public enum PartStat {
    NEEDS_ACTION,
    ACCEPTED,
    DECLINED,
    TENTATIVE,
    DELEGATED,
    NOT_INVITED;

    /** An ATTENDEE's PARTSTAT value; absent means NEEDS-ACTION (RFC 5545), unknown x-names are read the same way. */
    static PartStat ofParameter(String value) {
        if (value == null) {
            return NEEDS_ACTION;
        }
        return switch (value.trim().toUpperCase(java.util.Locale.ROOT)) {
            case "ACCEPTED" -> ACCEPTED;
            case "DECLINED" -> DECLINED;
            case "TENTATIVE" -> TENTATIVE;
            case "DELEGATED" -> DELEGATED;
            default -> NEEDS_ACTION;
        };
    }
}
