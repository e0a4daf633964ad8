package io.calsync.availability.domain;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRulesProvider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A user's working hours: several ranges per weekday in an IANA time zone, and date overrides that replace a date's
 * weekly hours (no ranges: a day off). Without a schedule a user is bookable all day ({@link #allDay(ZoneId)}).
 *
 * <p>Wall-clock hours become instants day by day, so a 09:00–17:00 day is 8 hours unless a DST transition falls
 * inside it, and a 00:00–24:00 day is 23 or 25 hours on transition days. Local times that do not exist (the spring
 * gap) resolve forward by the gap's length, times that exist twice (the autumn overlap) resolve to the earlier
 * instant, as {@link java.time.ZonedDateTime#of} does; hours wholly inside a gap are empty that day.
 */
public final class Schedule {

    private final ZoneId zone;
    private final Map<DayOfWeek, List<DailyRange>> weekly;
    private final Map<LocalDate, List<DailyRange>> overrides;

    private Schedule(ZoneId zone, Map<DayOfWeek, List<DailyRange>> weekly, Map<LocalDate, List<DailyRange>> overrides) {
        this.zone = zone;
        Map<DayOfWeek, List<DailyRange>> byDay = new EnumMap<>(DayOfWeek.class);
        byDay.putAll(weekly);
        this.weekly = Collections.unmodifiableMap(byDay);
        this.overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
    }

    /** Bookable at any time: the schedule of a user who has none. */
    public static Schedule allDay(ZoneId zone) {
        Builder builder = builder(zone);
        for (DayOfWeek day : DayOfWeek.values()) {
            builder.weekly(day, DailyRange.wholeDay());
        }
        return builder.build();
    }

    public static Builder builder(ZoneId zone) {
        return new Builder(Objects.requireNonNull(zone, "zone"));
    }

    /** A builder for a time zone given by its IANA id; an unknown or offset-only id fails on {@code timeZone}. */
    public static Builder builder(String timeZone) {
        return builder(zone("timeZone", timeZone));
    }

    /** An IANA region id such as {@code Europe/Berlin} (or {@code UTC}); fixed offsets are refused. */
    public static ZoneId zone(String field, String timeZone) {
        if (timeZone == null || !ZoneRulesProvider.getAvailableZoneIds().contains(timeZone)) {
            throw new InvalidFieldException(field, "is not an IANA time zone such as Europe/Berlin");
        }
        return ZoneId.of(timeZone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** Weekly hours, sorted, for the weekdays that have any. */
    public Map<DayOfWeek, List<DailyRange>> weekly() {
        return weekly;
    }

    /** Date overrides, by date; an empty list is a day off. */
    public Map<LocalDate, List<DailyRange>> overrides() {
        return overrides;
    }

    /** The hours that apply on a local date: its override if there is one, else its weekday's. */
    public List<DailyRange> hoursOn(LocalDate date) {
        List<DailyRange> override = overrides.get(date);
        return override != null ? override : weekly.getOrDefault(date.getDayOfWeek(), List.of());
    }

    /** The working time inside {@code window}, as UTC instants. */
    public IntervalSet workingTime(Interval window) {
        // the day before the window's first local date may run into it (a range ending at 24:00 in a gap)
        LocalDate first = LocalDate.ofInstant(window.start(), zone).minusDays(1);
        LocalDate last = LocalDate.ofInstant(window.end(), zone);
        List<Interval> working = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            for (DailyRange range : hoursOn(date)) {
                range.on(date, zone).ifPresent(working::add);
            }
        }
        return IntervalSet.of(working).clip(window);
    }

    /** Whether all of {@code interval} lies in working time (ranges that touch, even across midnight, join). */
    public boolean covers(Interval interval) {
        return workingTime(interval).encloses(interval);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Schedule other && zone.equals(other.zone) && weekly.equals(other.weekly)
                && overrides.equals(other.overrides);
    }

    @Override
    public int hashCode() {
        return Objects.hash(zone, weekly, overrides);
    }

    @Override
    public String toString() {
        return "Schedule[" + zone + ", weekly " + weekly + ", overrides " + overrides + "]";
    }

    /**
     * Collects ranges and checks them in {@link #build()}: ranges of one weekday or one date must not overlap
     * (touching is fine). Errors name the field as {@code weekly.monday[1].end} or {@code overrides.2026-12-24[0]},
     * the index counting the ranges given for that day in order.
     */
    public static final class Builder {

        private final ZoneId zone;
        private final Map<DayOfWeek, List<DailyRange>> weekly = new EnumMap<>(DayOfWeek.class);
        private final Map<LocalDate, List<DailyRange>> overrides = new TreeMap<>();

        private Builder(ZoneId zone) {
            this.zone = zone;
        }

        public Builder weekly(DayOfWeek day, DailyRange range) {
            weekly.computeIfAbsent(day, d -> new ArrayList<>()).add(range);
            return this;
        }

        /** A weekly range from the API's strings: the weekday by English name in any case, ISO times. */
        public Builder weekly(String day, String start, String end) {
            DayOfWeek weekday = weekday(day);
            String field = "weekly." + weekday.name().toLowerCase(Locale.ROOT) + "["
                    + weekly.getOrDefault(weekday, List.of()).size() + "]";
            return weekly(weekday, DailyRange.parse(field, start, end));
        }

        /** Other hours on a date; several calls for one date add ranges. */
        public Builder override(LocalDate date, DailyRange range) {
            overrides.computeIfAbsent(date, d -> new ArrayList<>()).add(range);
            return this;
        }

        public Builder override(String date, String start, String end) {
            LocalDate day = date("overrides." + date, date);
            String field = "overrides." + day + "[" + overrides.getOrDefault(day, List.of()).size() + "]";
            return override(day, DailyRange.parse(field, start, end));
        }

        /** No working hours on a date, whatever its weekday says. */
        public Builder dayOff(LocalDate date) {
            overrides.computeIfAbsent(date, d -> new ArrayList<>());
            return this;
        }

        public Builder dayOff(String date) {
            return dayOff(date("overrides." + date, date));
        }

        public Schedule build() {
            weekly.forEach((day, ranges) -> sortAndCheck("weekly." + day.name().toLowerCase(Locale.ROOT), ranges));
            overrides.forEach((date, ranges) -> sortAndCheck("overrides." + date, ranges));
            return new Schedule(zone, copy(weekly), copy(overrides));
        }

        private static void sortAndCheck(String field, List<DailyRange> ranges) {
            List<DailyRange> given = List.copyOf(ranges);
            ranges.sort(null);
            for (int i = 1; i < ranges.size(); i++) {
                if (ranges.get(i).overlaps(ranges.get(i - 1))) {
                    // name the one given later: the earlier one was fine when it came
                    int later = Math.max(given.indexOf(ranges.get(i)), given.indexOf(ranges.get(i - 1)));
                    throw new InvalidFieldException(field + "[" + later + "]",
                            ranges.get(i) + " overlaps " + ranges.get(i - 1));
                }
            }
        }

        private static <K> Map<K, List<DailyRange>> copy(Map<K, List<DailyRange>> ranges) {
            Map<K, List<DailyRange>> copy = new TreeMap<>();
            ranges.forEach((key, value) -> copy.put(key, List.copyOf(value)));
            return copy;
        }

        private static DayOfWeek weekday(String day) {
            try {
                return DayOfWeek.valueOf(Objects.requireNonNull(day).toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new InvalidFieldException("weekly." + day, "is not a weekday (monday … sunday)");
            }
        }

        private static LocalDate date(String field, String date) {
            try {
                return LocalDate.parse(Objects.requireNonNull(date));
            } catch (DateTimeParseException | NullPointerException e) {
                throw new InvalidFieldException(field, "is not a date such as 2026-12-24");
            }
        }
    }
}
