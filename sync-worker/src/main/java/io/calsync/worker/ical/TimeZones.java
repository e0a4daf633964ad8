package io.calsync.worker.ical;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import net.fortuna.ical4j.model.ComponentList;
import net.fortuna.ical4j.model.PropertyList;
import net.fortuna.ical4j.model.component.Daylight;
import net.fortuna.ical4j.model.component.Observance;
import net.fortuna.ical4j.model.component.Standard;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.RRule;
import net.fortuna.ical4j.model.property.TzId;
import net.fortuna.ical4j.model.property.TzOffsetFrom;
import net.fortuna.ical4j.model.property.TzOffsetTo;

/**
 * VTIMEZONEs (RFC 5545 section 3.6.5) built from java.time's rules, the way Apple's clients write them: only the
 * rules in force, as yearly RRULEs. java.time's tz data is the JDK's and current; ical4j's bundled definitions
 * may keep rules a country has since abolished (Brazil's daylight saving, for one), and carry the whole history.
 */
final class TimeZones {

    private TimeZones() {
    }

    /** The VTIMEZONE of {@code zone} as it applies from {@code fromYear} on. */
    static VTimeZone current(ZoneId zone, int fromYear) {
        ZoneRules rules = zone.getRules();
        List<Observance> observances = new ArrayList<>();
        List<ZoneOffsetTransitionRule> transitions = rules.getTransitionRules();
        if (transitions.isEmpty()) {
            ZoneOffset offset = rules.getOffset(LocalDateTime.of(fromYear, 1, 1, 0, 0));
            observances.add(observance(new Standard(), offset, offset, LocalDateTime.of(fromYear, 1, 1, 0, 0), null));
        } else {
            for (ZoneOffsetTransitionRule rule : transitions) {
                LocalDateTime onset = rule.createTransition(fromYear).getDateTimeBefore();
                boolean daylight = rule.getOffsetAfter().getTotalSeconds() > rule.getStandardOffset().getTotalSeconds();
                observances.add(observance(daylight ? new Daylight() : new Standard(), rule.getOffsetBefore(),
                        rule.getOffsetAfter(), onset, "FREQ=YEARLY;BYMONTH=" + rule.getMonth().getValue() + byDay(rule)));
            }
        }
        return new VTimeZone(new PropertyList(List.of(new TzId(zone.getId()))), new ComponentList<>(observances));
    }

    private static Observance observance(Observance observance, ZoneOffset from, ZoneOffset to, LocalDateTime onset,
            String rrule) {
        observance.add(new TzOffsetFrom(from));
        observance.add(new TzOffsetTo(to));
        observance.add(new DtStart<>(onset));
        if (rrule != null) {
            observance.add(new RRule<>(rrule));
        }
        return observance;
    }

    /** java.time's "day-of-week on or after day n" (or "last day-of-week", n = -1) as RRULE parts. */
    private static String byDay(ZoneOffsetTransitionRule rule) {
        int day = rule.getDayOfMonthIndicator();
        DayOfWeek weekday = rule.getDayOfWeek();
        if (weekday == null) {
            return ";BYMONTHDAY=" + day;
        }
        String code = weekday.name().substring(0, 2);
        if (day == -1 || day > 0 && day + 6 == rule.getMonth().maxLength() && rule.getMonth() != java.time.Month.FEBRUARY) {
            return ";BYDAY=-1" + code; // the last such weekday of the month
        }
        if (day > 0 && (day - 1) % 7 == 0) {
            return ";BYDAY=" + ((day - 1) / 7 + 1) + code;
        }
        if (day > 0) {
            StringBuilder days = new StringBuilder();
            for (int d = day; d < day + 7; d++) {
                days.append(d == day ? "" : ",").append(d);
            }
            return ";BYMONTHDAY=" + days + ";BYDAY=" + code;
        }
        // "on or before the n-th last day": the seven days ending there
        StringBuilder days = new StringBuilder();
        for (int d = day; d > day - 7; d--) {
            days.append(d == day ? "" : ",").append(d);
        }
        return ";BYMONTHDAY=" + days + ";BYDAY=" + code;
    }
}
