package io.calsync.worker.ical;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.ParserException;

/**
 * Expands the VEVENTs of one calendar object resource into their occurrences inside a window {@code [from, to)}: a
 * pure function of the resource's text, the window and the calendar's zone (RFC 5545 sections 3.3.5, 3.3.6, 3.8.5).
 *
 * <ul>
 *   <li>RRULE (by ical4j's {@code Recur}, run on local wall-clock times so each instance keeps its local time across
 *       DST), RDATE (also PERIOD), EXDATE of any form (a DATE removes the instances on that local day; a local or UTC
 *       time removes the instance starting at that instant), DTSTART always counting as the first instance;</li>
 *   <li>RECURRENCE-ID overrides, wherever they are in the file, in whatever form their RECURRENCE-ID is written
 *       (matched to the master's instance by instant, or by day for all-day series): a moved override replaces its
 *       instance, a STATUS:CANCELLED override removes it, an override without master is a single occurrence;
 *       RANGE=THISANDFUTURE is read as applying to that instance only;</li>
 *   <li>Floating times and DATE values are read in the calendar's zone (see {@link CalendarZone}: collection zone,
 *       else X-WR-TIMEZONE, else the fallback). A recurring master whose DTSTART is in UTC is expanded on the wall
 *       clock of X-WR-TIMEZONE when the resource has one, as exported calendars mean it;</li>
 *   <li>zero-length occurrences are left out; VTODO, VJOURNAL and other components are ignored, and so are X-APPLE-*
 *       and X-CALENDARSERVER-* properties.</li>
 * </ul>
 * TRANSP, STATUS and the account's own PARTSTAT are carried as data for the caller's rules. A resource that cannot
 * be read is a {@link Expansion#problem()} with no occurrences, so the caller keeps what it had: not iCalendar, a
 * TZID nobody knows, a value that is not a date, more than {@link ExpansionLimits} allow.
 */
public final class EventOccurrences {

    private EventOccurrences() {
    }

    /** The result of reading one resource: its occurrences, or why it could not be read (then no occurrences). */
    public record Expansion(List<Occurrence> occurrences, Optional<String> problem) {

        static Expansion problem(String problem) {
            return new Expansion(List.of(), Optional.of(problem));
        }
    }

    /** Floating times and dates in UTC, no own addresses, default limits. */
    public static Expansion expand(String icalendar, Instant from, Instant to) {
        return expand(icalendar, from, to, CalendarZone.utc(), OwnParticipation.none(), ExpansionLimits.DEFAULT);
    }

    public static Expansion expand(String icalendar, Instant from, Instant to, CalendarZone zone, OwnParticipation own) {
        return expand(icalendar, from, to, zone, own, ExpansionLimits.DEFAULT);
    }

    public static Expansion expand(String icalendar, Instant from, Instant to, CalendarZone zone, OwnParticipation own,
            ExpansionLimits limits) {
        if (icalendar.length() > limits.maxCharacters()) {
            return Expansion.problem("resource too large: " + icalendar.length() + " characters, the limit is "
                    + limits.maxCharacters());
        }
        RawCalendar calendar;
        try {
            calendar = RawCalendar.parse(icalendar);
        } catch (IOException | ParserException | RuntimeException e) {
            return Expansion.problem("not valid iCalendar: " + e.getMessage());
        }
        ZoneResolver zones = new ZoneResolver(calendar.registry());
        ZoneId xWrTimeZone = calendar.calendarProperty("X-WR-TIMEZONE").map(zones::zoneOrNull).orElse(null);
        TimeValues values = new TimeValues(zones, zone.resolve(xWrTimeZone));
        Map<String, List<RawCalendar.Event>> byUid = new LinkedHashMap<>();
        for (RawCalendar.Event event : calendar.events()) {
            byUid.computeIfAbsent(event.text("UID").orElse("").trim(), k -> new ArrayList<>()).add(event);
        }
        InstanceBudget budget = new InstanceBudget(limits.maxInstances());
        List<Occurrence> occurrences = new ArrayList<>();
        for (Map.Entry<String, List<RawCalendar.Event>> series : byUid.entrySet()) {
            try {
                occurrences.addAll(new SeriesExpansion(series.getKey(), series.getValue(), values, xWrTimeZone, own,
                        from, to, budget).occurrences());
            } catch (InstanceBudget.ExceededException e) {
                return Expansion.problem(e.getMessage());
            } catch (RuntimeException e) {
                return Expansion.problem("cannot expand event " + series.getKey() + ": " + e.getMessage());
            }
        }
        return new Expansion(List.copyOf(occurrences), Optional.empty());
    }
}
