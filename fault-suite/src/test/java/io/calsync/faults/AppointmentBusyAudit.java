package io.calsync.faults;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares the appointments' busy time as the availability-service answers it with the platform's final word on
 * each appointment: every booked one busy exactly once, at its final time; a cancelled one not at all.
 *
 * @param missing appointments (at their final time) the availability-service does not count
 * @param orphaned busy appointment sources that should not be there (cancelled, at an old time, or counted twice)
 */
record AppointmentBusyAudit(int expected, int missing, int orphaned, List<String> examples) {

    /** The time an appointment should keep busy; cancelled appointments have none. */
    record Slot(Instant start, Instant end) {
    }

    /** @param desired appointment id → its final slot, or null when its final state is cancelled */
    static AppointmentBusyAudit of(AvailabilityProcess availability, List<ReliabilityEnvironment.User> users,
            Map<String, Slot> desired) {
        Instant from = Instant.now().truncatedTo(ChronoUnit.DAYS);
        Instant to = from.plus(120, ChronoUnit.DAYS);
        Map<String, Integer> seen = new HashMap<>();
        for (ReliabilityEnvironment.User user : users) {
            for (AvailabilityProcess.BusySource source : availability.busySources(user.tenantId(), user.userId(), from, to)) {
                if (source.kind().equals("APPOINTMENT") && desired.containsKey(source.id())) {
                    seen.merge(source.id() + " " + source.start() + " to " + source.end(), 1, Integer::sum);
                }
            }
        }
        int expected = 0;
        int missing = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, Slot> wanted : desired.entrySet()) {
            if (wanted.getValue() == null) {
                continue;
            }
            expected++;
            String key = wanted.getKey() + " " + wanted.getValue().start() + " to " + wanted.getValue().end();
            Integer copies = seen.get(key);
            if (copies == null) {
                missing++;
                examples.add("missing " + key);
            } else if (copies == 1) {
                seen.remove(key);
            } else {
                seen.put(key, copies - 1);
            }
        }
        int orphaned = seen.values().stream().mapToInt(Integer::intValue).sum();
        seen.keySet().stream().limit(5).forEach(key -> examples.add("orphaned " + key));
        return new AppointmentBusyAudit(expected, missing, orphaned, examples.subList(0, Math.min(examples.size(), 10)));
    }

    boolean isExact() {
        return missing == 0 && orphaned == 0;
    }

    @Override
    public String toString() {
        return expected + " expected, " + missing + " missing, " + orphaned + " orphaned" + (examples.isEmpty() ? ""
                : " " + examples);
    }
}
