package io.calsync.contracts;

/** The Kafka topics of calsync and how their records are keyed. */
public final class Topics {

    /** Appointments booked, rescheduled and cancelled in the platform; key: appointmentId. */
    public static final String APPOINTMENTS = "calsync.appointments";

    /** Blocked slots from iCloud and from the platform (compacted); key: slotId. */
    public static final String BLOCKED_SLOTS = "calsync.blocked-slots";

    /** Outcome of pushing an appointment to iCloud; key: appointmentId. */
    public static final String APPOINTMENT_SYNC = "calsync.appointment-sync";

    /** Account status and per-calendar sync status (compacted); key: accountId or accountId/calendarId. */
    public static final String INTEGRATIONS = "calsync.integrations";

    /** Suffix of the dead-letter topic that receives the unreadable records of a topic. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    /** Key of a per-calendar record on {@link #INTEGRATIONS}. */
    public static String calendarKey(String accountId, String calendarId) {
        return accountId + "/" + calendarId;
    }
}
