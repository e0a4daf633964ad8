package io.calsync.faults;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Compares a user's busy time as the availability-service answers it with the calendars' true busy time: each
 * true occurrence should be there exactly once as a source, and nothing else.
 *
 * @param missing true occurrences the availability-service does not know
 * @param orphaned sources the availability-service counts that no selected calendar holds (deselected,
 *     disconnected, moved, deleted, or counted twice)
 */
record BusyAudit(int expected, int missing, int orphaned, List<String> examples) {

    static BusyAudit of(List<SimpleEvents.Busy> truth, List<AvailabilityProcess.BusySource> answered) {
        Map<String, Integer> wanted = new HashMap<>();
        truth.forEach(b -> wanted.merge(b.calendarId() + " " + b.start() + " to " + b.end(), 1, Integer::sum));
        Map<String, Integer> seen = new HashMap<>();
        answered.forEach(s -> seen.merge((s.kind().equals("ICLOUD") ? s.calendarId() : s.kind()) + " " + s.start()
                + " to " + s.end(), 1, Integer::sum));
        int missing = 0;
        int orphaned = 0;
        List<String> examples = new ArrayList<>();
        for (Map.Entry<String, Integer> w : wanted.entrySet()) {
            int lacking = w.getValue() - seen.getOrDefault(w.getKey(), 0);
            if (lacking > 0) {
                missing += lacking;
                examples.add("missing " + w.getKey());
            }
        }
        for (Map.Entry<String, Integer> s : seen.entrySet()) {
            int extra = s.getValue() - wanted.getOrDefault(s.getKey(), 0);
            if (extra > 0) {
                orphaned += extra;
                examples.add("orphaned " + s.getKey());
            }
        }
        return new BusyAudit(truth.size(), missing, orphaned, examples);
    }

    BusyAudit plus(BusyAudit other) {
        List<String> all = new ArrayList<>(examples);
        all.addAll(other.examples);
        return new BusyAudit(expected + other.expected, missing + other.missing, orphaned + other.orphaned,
                all.subList(0, Math.min(all.size(), 10)));
    }

    boolean isExact() {
        return missing == 0 && orphaned == 0;
    }
}
