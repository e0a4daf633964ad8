package io.calsync.worker.ical;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads DATE and DATE-TIME values (RFC 5545 sections 3.3.4, 3.3.5) from content lines: {@code 20261205} a day,
 * {@code 20261205T090000Z} UTC, {@code 20261205T090000} with a TZID parameter a local time there, without one a
 * floating time, which is read in the calendar's zone.
 */
final class TimeValues {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuuMMdd'T'HHmmss", Locale.ROOT);

    private final ZoneResolver zones;
    private final ZoneId calendarZone;

    TimeValues(ZoneResolver zones, ZoneId calendarZone) {
        this.zones = zones;
        this.calendarZone = calendarZone;
    }

    ZoneId calendarZone() {
        return calendarZone;
    }

    /** The value of a single-valued property such as DTSTART, DTEND or RECURRENCE-ID. */
    TimeValue single(RawCalendar.Line line) {
        return parse(line.value().trim(), line.parameter("TZID").orElse(null));
    }

    /** The comma-separated values of an EXDATE or RDATE line. */
    List<TimeValue> list(RawCalendar.Line line) {
        List<TimeValue> values = new ArrayList<>();
        String tzid = line.parameter("TZID").orElse(null);
        for (String text : line.value().split(",")) {
            if (!text.isBlank()) {
                values.add(parse(text.trim(), tzid));
            }
        }
        return values;
    }

    TimeValue parse(String text, String tzid) {
        try {
            if (text.length() == 8) {
                return new TimeValue.Day(LocalDate.parse(text, DATE));
            }
            if (text.endsWith("Z") || text.endsWith("z")) {
                LocalDateTime utc = LocalDateTime.parse(text.substring(0, text.length() - 1), DATE_TIME);
                return new TimeValue.Utc(utc.toInstant(ZoneOffset.UTC));
            }
            LocalDateTime local = LocalDateTime.parse(text, DATE_TIME);
            return new TimeValue.Local(local, tzid == null ? calendarZone : zones.zone(tzid));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("not an iCalendar DATE or DATE-TIME: '" + text + "'", e);
        }
    }
}
