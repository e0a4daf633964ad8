package io.calsync.worker.ical;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How long each instance lasts (RFC 5545 section 3.8.5.3): the exact time between DTSTART and DTEND, or a DURATION
 * whose days and weeks are nominal (RFC 5545 section 3.3.6: {@code P1D} ends at the same wall-clock time the next
 * day, 23 or 25 hours across a DST change) and whose hours, minutes and seconds are exact ({@code PT24H} is 24 hours).
 * All-day events count whole days. Without DTEND and DURATION an all-day event lasts one day and a timed one no time.
 */
record EventDuration(long nominalDays, Duration exact) {

    private static final Pattern DURATION = Pattern.compile(
            "([+-])?P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?");

    static final EventDuration NONE = new EventDuration(0, Duration.ZERO);
    static final EventDuration ONE_DAY = new EventDuration(1, Duration.ZERO);

    static EventDuration between(TimeValue start, TimeValue end, ZoneId dayZone) {
        if (start instanceof TimeValue.Day startDay && end instanceof TimeValue.Day endDay) {
            return new EventDuration(ChronoUnit.DAYS.between(startDay.date(), endDay.date()), Duration.ZERO);
        }
        return new EventDuration(0, Duration.between(start.instant(dayZone), end.instant(dayZone)));
    }

    static EventDuration parse(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches() || text.trim().equals("P") || text.trim().endsWith("T")) {
            throw new IllegalArgumentException("not an iCalendar DURATION: '" + text + "'");
        }
        long sign = "-".equals(m.group(1)) ? -1 : 1;
        long days = 7 * number(m.group(2)) + number(m.group(3));
        Duration exact = Duration.ofHours(number(m.group(4))).plusMinutes(number(m.group(5)))
                .plusSeconds(number(m.group(6)));
        return new EventDuration(sign * days, sign < 0 ? exact.negated() : exact);
    }

    private static long number(String group) {
        return group == null ? 0 : Long.parseLong(group);
    }

    /** The exclusive end date of an all-day instance starting on {@code start}. */
    LocalDate endDate(LocalDate start) {
        return start.plusDays(nominalDays);
    }

    /** The end of a timed instance: nominal days on the wall clock of its zone, then exact time. */
    Instant end(TimeValue start, ZoneId dayZone) {
        if (start instanceof TimeValue.Local local && nominalDays != 0) {
            return local.dateTime().plusDays(nominalDays).atZone(local.zone()).toInstant().plus(exact);
        }
        if (start instanceof TimeValue.Day day) {
            return day.date().plusDays(nominalDays).atStartOfDay(dayZone).toInstant().plus(exact);
        }
        return start.instant(dayZone).plus(Duration.ofDays(nominalDays)).plus(exact);
    }

    /** An upper bound of the length, to widen the expansion window by. */
    Duration atMost() {
        return Duration.ofDays(Math.max(nominalDays, 0) + 1).plus(exact.isNegative() ? Duration.ZERO : exact);
    }
}
