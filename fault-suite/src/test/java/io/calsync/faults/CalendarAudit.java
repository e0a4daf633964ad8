package io.calsync.faults;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compares what the users' calendars hold with what the platform wants: every appointment that should be there
 * is there once, at its final revision; every cancelled one is gone.
 */
record CalendarAudit(int expected, int missing, int duplicated, int stale) {

    private static final Pattern APPOINTMENT = Pattern.compile("X-CALSYNC-APPOINTMENT-ID:([^\\r\\n]+)");
    private static final Pattern SEQUENCE = Pattern.compile("\\nSEQUENCE:(\\d+)");

    /** @param desired appointmentId → final revision, or null when its final state is cancelled */
    static CalendarAudit of(List<ReliabilityEnvironment.User> users, Map<String, Long> desired) {
        Map<String, Integer> copies = new HashMap<>();
        Map<String, Long> revisions = new HashMap<>();
        for (ReliabilityEnvironment.User user : users) {
            for (String folded : user.phone().calendarData("work")) {
                String body = folded.replaceAll("\\r?\\n[ \\t]", ""); // RFC 5545 3.1: unfold long lines
                Matcher id = APPOINTMENT.matcher(body);
                if (!id.find()) {
                    continue;
                }
                Matcher sequence = SEQUENCE.matcher(body);
                copies.merge(id.group(1).trim(), 1, Integer::sum);
                revisions.put(id.group(1).trim(), sequence.find() ? Long.parseLong(sequence.group(1)) : -1);
            }
        }
        int expected = 0;
        int missing = 0;
        int stale = 0;
        for (Map.Entry<String, Long> wanted : desired.entrySet()) {
            boolean present = copies.containsKey(wanted.getKey());
            if (wanted.getValue() == null) {
                stale += present ? 1 : 0; // cancelled but still in the calendar
                continue;
            }
            expected++;
            if (!present) {
                missing++;
            } else if (!wanted.getValue().equals(revisions.get(wanted.getKey()))) {
                stale++;
            }
        }
        int duplicated = (int) copies.values().stream().filter(n -> n > 1).count();
        return new CalendarAudit(expected, missing, duplicated, stale);
    }

    boolean isExact() {
        return missing == 0 && duplicated == 0 && stale == 0;
    }
}
