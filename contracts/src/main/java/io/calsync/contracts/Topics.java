package io.calsync.contracts;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;

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

    /**
     * Every topic with the settings calsync relies on: the blocked-slot and integration topics are compacted (the
     * latest state per key is kept forever), the others keep 7 days; each has its dead-letter topic.
     */
    public static List<NewTopic> definitions(int partitions, short replicationFactor) {
        Map<String, String> compacted = Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "60000");
        Map<String, String> week = Map.of("cleanup.policy", "delete", "retention.ms", String.valueOf(7L * 24 * 3600 * 1000));
        List<NewTopic> topics = new ArrayList<>();
        for (String topic : List.of(APPOINTMENTS, BLOCKED_SLOTS, APPOINTMENT_SYNC, INTEGRATIONS)) {
            boolean isCompacted = topic.equals(BLOCKED_SLOTS) || topic.equals(INTEGRATIONS);
            topics.add(new NewTopic(topic, partitions, replicationFactor).configs(isCompacted ? compacted : week));
            topics.add(new NewTopic(deadLetter(topic), partitions, replicationFactor).configs(week));
        }
        return topics;
    }
}
