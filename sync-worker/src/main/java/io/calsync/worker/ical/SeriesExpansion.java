package io.calsync.worker.ical;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import net.fortuna.ical4j.model.Recur;

/** The VEVENTs sharing one UID: a master (maybe none) and its RECURRENCE-ID overrides, expanded into a window. */
final class SeriesExpansion {

    /** One instance of the master: where it starts, and how long it lasts (a PERIOD RDATE has its own length). */
    private record Instance(TimeValue start, EventDuration duration) {
    }

    private final String uid;
    private final List<RawCalendar.Event> events;
    private final TimeValues values;
    private final ZoneId xWrTimeZone;
    private final OwnParticipation own;
    private final Instant from;
    private final Instant to;
    private final InstanceBudget budget;

    SeriesExpansion(String uid, List<RawCalendar.Event> events, TimeValues values, ZoneId xWrTimeZone,
            OwnParticipation own, Instant from, Instant to, InstanceBudget budget) {
        this.uid = uid;
        this.events = events;
        this.values = values;
        this.xWrTimeZone = xWrTimeZone;
        this.own = own;
        this.from = from;
        this.to = to;
        this.budget = budget;
    }

    List<Occurrence> occurrences() {
        RawCalendar.Event master = null;
        Map<String, RawCalendar.Event> overrides = new LinkedHashMap<>();
        for (RawCalendar.Event event : events) {
            Optional<RawCalendar.Line> recurrenceId = event.first("RECURRENCE-ID");
            if (recurrenceId.isPresent()) {
                overrides.put(key(values.single(recurrenceId.get())), event);
            } else if (master == null) {
                master = event;
            }
        }
        List<Occurrence> result = new ArrayList<>();
        EventDuration masterDuration = null;
        if (master != null) {
            TimeValue start = start(master);
            masterDuration = duration(master, start, null);
            boolean recurring = !master.all("RRULE").isEmpty() || !master.all("RDATE").isEmpty();
            for (Instance instance : instances(master, start, masterDuration, recurring)) {
                String key = key(instance.start());
                if (!overrides.containsKey(key)) {
                    occurrence(master, null, instance.start(), instance.duration(), recurring ? key : null)
                            .ifPresent(result::add);
                }
            }
        }
        for (Map.Entry<String, RawCalendar.Event> entry : overrides.entrySet()) {
            RawCalendar.Event override = entry.getValue();
            if (status(override) == EventStatus.CANCELLED) {
                continue; // the instance is cancelled: it takes no time at all
            }
            TimeValue start = override.first("DTSTART").map(values::single)
                    .orElseGet(() -> values.single(override.first("RECURRENCE-ID").orElseThrow()));
            budget.spend(1);
            occurrence(override, master, start, duration(override, start, masterDuration), entry.getKey())
                    .ifPresent(result::add);
        }
        return result;
    }

    private TimeValue start(RawCalendar.Event event) {
        return values.single(event.first("DTSTART").orElseThrow(() -> new IllegalArgumentException("VEVENT without DTSTART")));
    }

    /** DTEND, else DURATION, else what the master has (overrides), else one day for dates and nothing for times. */
    private EventDuration duration(RawCalendar.Event event, TimeValue start, EventDuration inherited) {
        Optional<RawCalendar.Line> end = event.first("DTEND");
        if (end.isPresent()) {
            return EventDuration.between(start, values.single(end.get()), values.calendarZone());
        }
        Optional<RawCalendar.Line> duration = event.first("DURATION");
        if (duration.isPresent()) {
            return EventDuration.parse(duration.get().value());
        }
        if (inherited != null) {
            return inherited;
        }
        return start instanceof TimeValue.Day ? EventDuration.ONE_DAY : EventDuration.NONE;
    }

    /** The recurrence set of the master (RFC 5545 section 3.8.5) near the window, without its EXDATEs. */
    private List<Instance> instances(RawCalendar.Event master, TimeValue written, EventDuration duration,
            boolean recurring) {
        TimeValue start = written;
        if (recurring && written instanceof TimeValue.Utc utc) {
            // a series is repeated on a wall clock: X-WR-TIMEZONE's if the resource names one, else UTC's
            start = xWrTimeZone != null ? utc.anchoredIn(xWrTimeZone) : utc.asLocal();
        }
        Map<String, Instance> instances = new LinkedHashMap<>();
        instances.put(key(start), new Instance(start, duration));
        for (RawCalendar.Line rrule : master.all("RRULE")) {
            for (TimeValue value : recurrences(rrule.value(), start, duration)) {
                instances.putIfAbsent(key(value), new Instance(value, duration));
            }
        }
        for (RawCalendar.Line rdate : master.all("RDATE")) {
            if ("PERIOD".equalsIgnoreCase(rdate.parameter("VALUE").orElse(""))) {
                for (String period : rdate.value().split(",")) {
                    Instance instance = period(period.trim(), rdate.parameter("TZID").orElse(null));
                    instances.putIfAbsent(key(instance.start()), instance);
                }
            } else {
                for (TimeValue value : values.list(rdate)) {
                    instances.putIfAbsent(key(value), new Instance(value, duration));
                }
            }
        }
        for (RawCalendar.Line exdate : master.all("EXDATE")) {
            for (TimeValue excluded : values.list(exdate)) {
                instances.values().removeIf(instance -> excludes(excluded, instance.start()));
            }
        }
        budget.spend(instances.size());
        return List.copyOf(instances.values());
    }

    private Instance period(String text, String tzid) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an iCalendar PERIOD: '" + text + "'");
        }
        TimeValue start = values.parse(text.substring(0, slash), tzid);
        String end = text.substring(slash + 1);
        EventDuration duration = end.startsWith("P") || end.startsWith("+") || end.startsWith("-")
                ? EventDuration.parse(end)
                : EventDuration.between(start, values.parse(end, tzid), values.calendarZone());
        return new Instance(start, duration);
    }

    /** An EXDATE value removes the instance starting at its instant; a DATE removes the instances on that day. */
    private boolean excludes(TimeValue excluded, TimeValue instance) {
        if (excluded instanceof TimeValue.Day day) {
            return localDate(instance).equals(day.date());
        }
        return excluded.instant(values.calendarZone()).equals(instance.instant(values.calendarZone()));
    }

    /**
     * The RRULE's instances whose start lies near the window. UNTIL is applied here rather than by ical4j, which
     * cannot compare a UTC UNTIL with a local start: RFC 5545 section 3.3.10 compares it as an instant when DTSTART has
     * a TZID, as a local time when DTSTART is floating, and as a date for all-day series.
     */
    private List<TimeValue> recurrences(String rule, TimeValue start, EventDuration duration) {
        StringBuilder withoutUntil = new StringBuilder();
        TimeValue until = null;
        for (String part : rule.trim().split(";")) {
            if (part.toUpperCase(Locale.ROOT).startsWith("UNTIL=")) {
                until = values.parse(part.substring(6).trim(), null);
            } else if (!part.isBlank()) {
                withoutUntil.append(withoutUntil.isEmpty() ? "" : ";").append(part.trim());
            }
        }
        Instant earliest = from.minus(duration.atMost());
        int ask = budget.remaining() + 1;
        List<TimeValue> result = new ArrayList<>();
        if (start instanceof TimeValue.Day day) {
            Recur<LocalDate> recur = new Recur<>(withoutUntil.toString());
            LocalDate periodStart = LocalDate.ofInstant(earliest, values.calendarZone()).minusDays(1);
            LocalDate periodEnd = LocalDate.ofInstant(to, values.calendarZone()).plusDays(1);
            for (LocalDate date : recur.getDates(day.date(), periodStart, periodEnd, ask)) {
                TimeValue instance = new TimeValue.Day(date);
                if (until == null || !after(instance, until)) {
                    result.add(instance);
                }
            }
        } else if (start instanceof TimeValue.Local local) {
            Recur<LocalDateTime> recur = new Recur<>(withoutUntil.toString());
            LocalDateTime periodStart = LocalDateTime.ofInstant(earliest, local.zone()).minusDays(1);
            LocalDateTime periodEnd = LocalDateTime.ofInstant(to, local.zone()).plusDays(1);
            for (LocalDateTime dateTime : recur.getDates(local.dateTime(), periodStart, periodEnd, ask)) {
                TimeValue instance = new TimeValue.Local(dateTime, local.zone());
                if (until == null || !after(instance, until)) {
                    result.add(instance);
                }
            }
        }
        if (result.size() > budget.remaining()) {
            budget.spend(result.size());
        }
        return result;
    }

    private boolean after(TimeValue instance, TimeValue until) {
        ZoneId zone = values.calendarZone();
        if (until instanceof TimeValue.Day untilDay) {
            return localDate(instance).isAfter(untilDay.date());
        }
        if (until instanceof TimeValue.Local floating && instance instanceof TimeValue.Local local) {
            return local.dateTime().isAfter(floating.dateTime()); // floating UNTIL with floating DTSTART
        }
        return instance.instant(zone).isAfter(until.instant(zone));
    }

    private Optional<Occurrence> occurrence(RawCalendar.Event event, RawCalendar.Event master, TimeValue start,
            EventDuration duration, String recurrenceId) {
        ZoneId zone = values.calendarZone();
        Instant startsAt;
        Instant endsAt;
        LocalDate startDate = null;
        LocalDate endDate = null;
        if (start instanceof TimeValue.Day day) {
            startDate = day.date();
            endDate = duration.endDate(startDate);
            if (!endDate.isAfter(startDate)) {
                endDate = startDate.plusDays(1); // a DATE event ending where it starts still means its one day
            }
            startsAt = startDate.atStartOfDay(zone).toInstant();
            endsAt = endDate.atStartOfDay(zone).toInstant();
        } else {
            startsAt = start.instant(zone);
            endsAt = duration.end(start, zone);
        }
        if (!endsAt.isAfter(startsAt) || !endsAt.isAfter(from) || !startsAt.isBefore(to)) {
            return Optional.empty(); // zero-length (blocks nothing) or outside [from, to)
        }
        String title = event.text("SUMMARY").or(() -> master == null ? Optional.empty() : master.text("SUMMARY"))
                .orElse(null);
        List<RawCalendar.Line> attendees = event.all("ATTENDEE").isEmpty() && master != null
                ? master.all("ATTENDEE") : event.all("ATTENDEE");
        Map<String, String> answers = new LinkedHashMap<>();
        attendees.forEach(a -> answers.putIfAbsent(a.value(), a.parameter("PARTSTAT").orElse(null)));
        boolean transparent = event.text("TRANSP").map(t -> t.trim().equalsIgnoreCase("TRANSPARENT")).orElse(false);
        return Optional.of(new Occurrence(uid, recurrenceId, startsAt, endsAt, startDate != null, startDate, endDate,
                status(event), transparent, own.partStat(answers), title));
    }

    private static EventStatus status(RawCalendar.Event event) {
        return switch (event.text("STATUS").orElse("").trim().toUpperCase(Locale.ROOT)) {
            case "CANCELLED" -> EventStatus.CANCELLED;
            case "TENTATIVE" -> EventStatus.TENTATIVE;
            default -> EventStatus.CONFIRMED;
        };
    }

    /** The day an instance starts on, on its own wall clock (the calendar's for UTC times). */
    private LocalDate localDate(TimeValue instance) {
        if (instance instanceof TimeValue.Day day) {
            return day.date();
        }
        if (instance instanceof TimeValue.Local local) {
            return local.dateTime().toLocalDate();
        }
        return LocalDate.ofInstant(instance.instant(values.calendarZone()), values.calendarZone());
    }

    /** An instance's identity: its start instant (RFC 3339, UTC), or its day for all-day series. */
    private String key(TimeValue start) {
        if (start instanceof TimeValue.Day day) {
            return day.date().toString();
        }
        return start.instant(values.calendarZone()).toString();
    }
}
