package io.calsync.availability.schedule;

import io.calsync.availability.domain.DailyRange;
import io.calsync.availability.domain.InvalidFieldException;
import io.calsync.availability.domain.Schedule;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A schedule as the API reads and writes it. {@link #toSchedule()} checks everything, naming the field at fault as
 * {@code weekly.monday[1].end} or {@code overrides[0].date}, without repeating the value sent.
 */
@Schema(description = "Weekly working hours in an IANA time zone, and date overrides. Without a schedule a user is bookable at any time.")
public record ScheduleDocument(
        @Schema(description = "IANA time zone of the hours, e.g. Europe/Berlin", example = "Europe/Berlin", requiredMode = Schema.RequiredMode.REQUIRED)
        String timeZone,
        @Schema(description = "Hours per weekday; a weekday left out or empty is not a working day")
        Weekly weekly,
        @Schema(description = "Dates whose hours replace their weekday's; empty hours make a day off")
        List<Override> overrides) {

    public static final int MAX_RANGES_PER_DAY = 12;
    public static final int MAX_OVERRIDES = 800;
    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    /** Working hours within a day: local times {@code start} to {@code end} ({@code 24:00} for midnight). */
    public record Hours(
            @Schema(example = "09:00", requiredMode = Schema.RequiredMode.REQUIRED) String start,
            @Schema(example = "17:00", requiredMode = Schema.RequiredMode.REQUIRED) String end) {
    }

    public record Weekly(List<Hours> monday, List<Hours> tuesday, List<Hours> wednesday, List<Hours> thursday,
            List<Hours> friday, List<Hours> saturday, List<Hours> sunday) {

        Map<DayOfWeek, List<Hours>> byDay() {
            Map<DayOfWeek, List<Hours>> days = new java.util.EnumMap<>(DayOfWeek.class);
            put(days, DayOfWeek.MONDAY, monday);
            put(days, DayOfWeek.TUESDAY, tuesday);
            put(days, DayOfWeek.WEDNESDAY, wednesday);
            put(days, DayOfWeek.THURSDAY, thursday);
            put(days, DayOfWeek.FRIDAY, friday);
            put(days, DayOfWeek.SATURDAY, saturday);
            put(days, DayOfWeek.SUNDAY, sunday);
            return days;
        }

        private static void put(Map<DayOfWeek, List<Hours>> days, DayOfWeek day, List<Hours> hours) {
            if (hours != null && !hours.isEmpty()) {
                days.put(day, hours);
            }
        }
    }

    /** Other hours on one date (empty: a day off). */
    public record Override(
            @Schema(example = "2026-12-24", requiredMode = Schema.RequiredMode.REQUIRED) String date,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) List<Hours> hours) {
    }

    /** The domain's schedule, or an {@link InvalidFieldException} naming the first field at fault. */
    public Schedule toSchedule() {
        Schedule.Builder builder = Schedule.builder(Schedule.zone("timeZone", timeZone));
        if (weekly != null) {
            weekly.byDay().forEach((day, hours) -> {
                String field = "weekly." + day.name().toLowerCase(Locale.ROOT);
                limit(field, hours);
                for (int i = 0; i < hours.size(); i++) {
                    Hours h = hours.get(i);
                    builder.weekly(day, DailyRange.parse(field + "[" + i + "]", h.start(), h.end()));
                }
            });
        }
        List<Override> dates = overrides == null ? List.of() : overrides;
        if (dates.size() > MAX_OVERRIDES) {
            throw new InvalidFieldException("overrides", "at most " + MAX_OVERRIDES + " dates");
        }
        Set<LocalDate> seen = new HashSet<>();
        for (int i = 0; i < dates.size(); i++) {
            String field = "overrides[" + i + "]";
            LocalDate date = date(field + ".date", dates.get(i).date());
            if (!seen.add(date)) {
                throw new InvalidFieldException(field + ".date", "names a date an earlier override has");
            }
            List<Hours> hours = dates.get(i).hours();
            if (hours == null) {
                throw new InvalidFieldException(field + ".hours", "is required (an empty list is a day off)");
            }
            limit(field + ".hours", hours);
            builder.dayOff(date);
            for (int j = 0; j < hours.size(); j++) {
                builder.override(date, DailyRange.parse(field + ".hours[" + j + "]", hours.get(j).start(), hours.get(j).end()));
            }
        }
        return builder.build();
    }

    /** The document of a schedule: weekdays and dates in order, times as ISO local times. */
    public static ScheduleDocument of(Schedule schedule) {
        Map<DayOfWeek, List<DailyRange>> weekly = schedule.weekly();
        List<Override> overrides = new ArrayList<>();
        schedule.overrides().forEach((date, ranges) -> overrides.add(new Override(date.toString(), hours(ranges))));
        return new ScheduleDocument(schedule.zone().getId(), new Weekly(
                hours(weekly.get(DayOfWeek.MONDAY)), hours(weekly.get(DayOfWeek.TUESDAY)),
                hours(weekly.get(DayOfWeek.WEDNESDAY)), hours(weekly.get(DayOfWeek.THURSDAY)),
                hours(weekly.get(DayOfWeek.FRIDAY)), hours(weekly.get(DayOfWeek.SATURDAY)),
                hours(weekly.get(DayOfWeek.SUNDAY))), overrides);
    }

    private static List<Hours> hours(List<DailyRange> ranges) {
        return ranges == null ? List.of() : ranges.stream()
                .map(r -> new Hours(r.start().toString(), r.endTime().map(Object::toString).orElse("24:00"))).toList();
    }

    private static void limit(String field, List<Hours> hours) {
        if (hours.size() > MAX_RANGES_PER_DAY) {
            throw new InvalidFieldException(field, "at most " + MAX_RANGES_PER_DAY + " ranges a day");
        }
    }

    private static LocalDate date(String field, String text) {
        if (text == null) {
            throw new InvalidFieldException(field, "is required");
        }
        try {
            if (ISO_DATE.matcher(text).matches()) {
                LocalDate date = LocalDate.parse(text);
                if (date.getYear() >= 1900) {
                    return date;
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new InvalidFieldException(field, "is not a date such as 2026-12-24 (years 1900 to 9999)");
    }
}
