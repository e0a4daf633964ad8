package io.calsync.worker.ical;

import java.io.IOException;
import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Period;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.RecurrenceId;
import net.fortuna.ical4j.model.property.Status;
import net.fortuna.ical4j.model.property.Transp;

/**
 * Expands the VEVENTs of one calendar object resource into the occurrences that block time inside a window:
 * RRULE, RDATE and EXDATE of the master, RECURRENCE-ID overrides (moved, changed or cancelled instances), time
 * zones and all-day dates. TRANSP:TRANSPARENT and STATUS:CANCELLED do not block.
 */
public final class EventOccurrences {

    private EventOccurrences() {
    }

    /** The result of reading one resource: its occurrences, or why it could not be read. */
    public record Expansion(List<Occurrence> occurrences, Optional<String> problem) {
    }

    public static Expansion expand(String icalendar, Instant from, Instant to) {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(icalendar));
        } catch (IOException | ParserException | RuntimeException e) {
            return new Expansion(List.of(), Optional.of("not valid iCalendar: " + e.getMessage()));
        }
        Map<String, List<VEvent>> byUid = new LinkedHashMap<>();
        for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
            String uid = event.getUid().map(Property::getValue).orElse("");
            byUid.computeIfAbsent(uid, k -> new ArrayList<>()).add(event);
        }
        List<Occurrence> occurrences = new ArrayList<>();
        try {
            for (Map.Entry<String, List<VEvent>> series : byUid.entrySet()) {
                occurrences.addAll(expandSeries(series.getKey(), series.getValue(), from, to));
            }
        } catch (RuntimeException e) {
            // e.g. an unknown TZID without VTIMEZONE surfaces lazily as ZoneRulesException
            return new Expansion(List.of(), Optional.of("cannot expand event: " + e.getMessage()));
        }
        return new Expansion(occurrences, Optional.empty());
    }

    private static List<Occurrence> expandSeries(String uid, List<VEvent> events, Instant from, Instant to) {
        VEvent master = null;
        Map<String, VEvent> overrides = new HashMap<>();
        for (VEvent event : events) {
            Optional<RecurrenceId<Temporal>> recurrenceId = event.getProperty(Property.RECURRENCE_ID);
            if (recurrenceId.isPresent()) {
                overrides.put(key(recurrenceId.get().getDate()), event);
            } else {
                master = event;
            }
        }
        List<Occurrence> result = new ArrayList<>();
        ZonedDateTime windowStart = from.atZone(ZoneOffset.UTC);
        ZonedDateTime windowEnd = to.atZone(ZoneOffset.UTC);
        if (master != null && blocksTime(master)) {
            boolean recurring = master.getProperty(Property.RRULE).isPresent()
                    || master.getProperty(Property.RDATE).isPresent();
            for (Period<Temporal> period : master.<Temporal>calculateRecurrenceSet(new Period<>(windowStart, windowEnd))) {
                String instanceKey = key(period.getStart());
                if (overrides.containsKey(instanceKey)) {
                    continue; // the override decides for this instance, wherever it moved it
                }
                occurrence(uid, recurring ? instanceKey : null, period, master, from, to).ifPresent(result::add);
            }
        }
        for (Map.Entry<String, VEvent> override : overrides.entrySet()) {
            VEvent event = override.getValue();
            if (!blocksTime(event)) {
                continue;
            }
            for (Period<Temporal> period : event.<Temporal>calculateRecurrenceSet(new Period<>(windowStart, windowEnd))) {
                occurrence(uid, override.getKey(), period, event, from, to).ifPresent(result::add);
            }
        }
        return result;
    }

    private static Optional<Occurrence> occurrence(String uid, String recurrenceId, Period<Temporal> period,
            VEvent event, Instant from, Instant to) {
        boolean allDay = period.getStart() instanceof LocalDate;
        Instant start = instant(period.getStart());
        Instant end = instant(period.getEnd());
        if (allDay && !end.isAfter(start)) {
            end = start.plus(Duration.ofDays(1)); // an all-day event without DTEND lasts its one day
        }
        // a zero-length event blocks nothing; anything else must overlap the window [from, to)
        if (!end.isAfter(start) || !end.isAfter(from) || !start.isBefore(to)) {
            return Optional.empty();
        }
        String title = event.getProperty(Property.SUMMARY).map(Property::getValue).orElse(null);
        return Optional.of(new Occurrence(uid, recurrenceId, start, end, allDay, title));
    }

    private static boolean blocksTime(VEvent event) {
        boolean transparent = event.<Transp>getProperty(Property.TRANSP)
                .map(t -> Transp.VALUE_TRANSPARENT.equalsIgnoreCase(t.getValue())).orElse(false);
        boolean cancelled = event.<Status>getProperty(Property.STATUS)
                .map(s -> Status.VALUE_CANCELLED.equalsIgnoreCase(s.getValue())).orElse(false);
        return !transparent && !cancelled;
    }

    /** A stable text for an instance start, the same whether it comes from DTSTART expansion or a RECURRENCE-ID. */
    private static String key(Temporal temporal) {
        if (temporal instanceof LocalDate date) {
            return date.toString();
        }
        return instant(temporal).toString();
    }

    private static Instant instant(Temporal temporal) {
        if (temporal instanceof ZonedDateTime zoned) {
            return zoned.toInstant();
        }
        if (temporal instanceof OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (temporal instanceof Instant instant) {
            return instant;
        }
        if (temporal instanceof LocalDateTime floating) {
            return floating.toInstant(ZoneOffset.UTC);
        }
        if (temporal instanceof LocalDate date) {
            return date.atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        throw new IllegalArgumentException("unsupported date value " + temporal);
    }
}
