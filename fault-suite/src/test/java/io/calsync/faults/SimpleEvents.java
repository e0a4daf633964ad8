package io.calsync.faults;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The events the phone writes in the reliability tests, kept simple on purpose so that the true busy time of a
 * calendar can be read off its stored text without a second iCalendar implementation: UTC start and end, and at
 * most a daily series with a count.
 */
final class SimpleEvents {

    /** One busy occurrence: which calendar, when. */
    record Busy(String calendarId, Instant start, Instant end) {
    }

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final Pattern START = Pattern.compile("\nDTSTART:(\\d{8}T\\d{6}Z)\r?\n");
    private static final Pattern END = Pattern.compile("\nDTEND:(\\d{8}T\\d{6}Z)\r?\n");
    private static final Pattern DAILY = Pattern.compile("\nRRULE:FREQ=DAILY;COUNT=(\\d+)\r?\n");
    private static final Pattern ANY_RULE = Pattern.compile("\n(RRULE|RDATE|EXDATE|RECURRENCE-ID|DURATION)[:;]");

    private SimpleEvents() {
    }

    /** @param occurrences 1 for a single event, more for a daily series of that many */
    static String ics(String uid, Instant start, Duration length, int occurrences, String summary) {
        String rule = occurrences > 1 ? "RRULE:FREQ=DAILY;COUNT=" + occurrences + "\n" : "";
        return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//calsync reliability phone//EN\nBEGIN:VEVENT\nUID:" + uid
                + "\nDTSTAMP:20260101T000000Z\nDTSTART:" + format(start) + "\nDTEND:" + format(start.plus(length))
                + "\n" + rule + "SUMMARY:" + summary + "\nEND:VEVENT\nEND:VCALENDAR\n").replace("\n", "\r\n");
    }

    /** The occurrences of one stored event of {@code calendarId}; fails on anything this class did not write. */
    static List<Busy> occurrences(String calendarId, String icalendar) {
        Matcher start = START.matcher(icalendar);
        Matcher end = END.matcher(icalendar);
        if (!start.find() || !end.find()) {
            throw new IllegalStateException("not a simple event: " + icalendar);
        }
        Matcher daily = DAILY.matcher(icalendar);
        int count = daily.find() ? Integer.parseInt(daily.group(1)) : 1;
        if (count == 1 && ANY_RULE.matcher(icalendar).find()) {
            throw new IllegalStateException("not a simple event: " + icalendar);
        }
        Instant first = parse(start.group(1));
        Duration length = Duration.between(first, parse(end.group(1)));
        List<Busy> busy = new ArrayList<>();
        for (int day = 0; day < count; day++) {
            Instant occurrence = first.plus(Duration.ofDays(day));
            busy.add(new Busy(calendarId, occurrence, occurrence.plus(length)));
        }
        return busy;
    }

    private static String format(Instant instant) {
        return UTC.format(instant.atOffset(ZoneOffset.UTC));
    }

    private static Instant parse(String text) {
        return LocalDateTime.parse(text, UTC).toInstant(ZoneOffset.UTC);
    }
}
