package io.calsync.standalone.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.JsonNode;

/** The availability-service's answers: busy time and free slots, with how fresh the calendars behind them are. */
final class Availability {

    private Availability() {
    }

    /** A window of time: from now for a week unless told. */
    static final class Window {
        @Option(names = {"-u", "--user"}, required = true, description = "the user in the platform")
        String user;

        @Option(names = "--from", description = "start of the window, RFC 3339 (default: now)")
        Instant from;

        @Option(names = "--to", description = "end of the window, RFC 3339 (default: a week after --from)")
        Instant to;

        @Option(names = "--day", description = "the window is this whole day: today, tomorrow or 2026-12-24, in --zone")
        String day;

        @Option(names = "--zone", defaultValue = "UTC", description = "IANA zone of --day and of the slots' alignment"
                + " (default: ${DEFAULT-VALUE})")
        ZoneId zone;

        String query() {
            if (day != null) {
                LocalDate date = switch (day) {
                    case "today" -> LocalDate.now(zone);
                    case "tomorrow" -> LocalDate.now(zone).plusDays(1);
                    default -> parseDate(day);
                };
                return "from=" + date.atStartOfDay(zone).toInstant() + "&to="
                        + date.plusDays(1).atStartOfDay(zone).toInstant();
            }
            Instant start = from != null ? from : Instant.now().truncatedTo(ChronoUnit.MINUTES);
            Instant end = to != null ? to : start.plus(Duration.ofDays(7));
            return "from=" + start + "&to=" + end;
        }

        private static LocalDate parseDate(String day) {
            try {
                return LocalDate.parse(day);
            } catch (DateTimeParseException e) {
                throw new CliException("--day " + day + " is not today, tomorrow or a date such as 2026-12-24");
            }
        }
    }

    @Command(name = "busy", description = "Ask for a user's busy time (appointments, iCloud events, native slots).")
    static final class Busy implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;
        @Mixin Window window;

        @Override
        public Integer call() {
            Output out = Commands.output(spec, target);
            JsonNode busy = target.api().get(target.availability,
                    target.usersPath(window.user) + "/busy?" + window.query() + "&explain=true");
            if (out.json()) {
                out.json(busy);
                return 0;
            }
            JsonNode intervals = busy.path("busy");
            if (intervals.isEmpty()) {
                out.line("%s is free for the whole window", window.user);
            }
            for (JsonNode interval : intervals) {
                StringBuilder sources = new StringBuilder();
                for (JsonNode source : interval.path("sources")) {
                    sources.append(sources.isEmpty() ? "" : ", ").append(source.path("kind").asString(
                            source.path("type").asString("")));
                }
                out.line("busy %s .. %s  %s", local(interval.path("start").asString(), window.zone),
                        local(interval.path("end").asString(), window.zone), sources);
            }
            printFreshness(out, busy);
            return 0;
        }
    }

    @Command(name = "free-slots", description = "Ask for the slots where a user can be booked.")
    static final class FreeSlots implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin Target target;
        @Mixin Window window;

        @Option(names = "--duration", defaultValue = "PT30M", description = "length of a slot (default: ${DEFAULT-VALUE})")
        Duration duration;

        @Option(names = "--max", defaultValue = "10", description = "at most this many slots (default: ${DEFAULT-VALUE})")
        int max;

        @Option(names = "--periods", description = "whole free periods (each long enough for --duration) instead of"
                + " slots one after another")
        boolean periods;

        @Override
        public Integer call() {
            Output out = Commands.output(spec, target);
            String query = window.query() + "&duration=" + duration + "&maxResults=" + max
                    + "&timeZone=" + URLEncoder.encode(window.zone.getId(), StandardCharsets.UTF_8)
                    + (periods ? "&format=periods" : "");
            JsonNode slots = target.api().get(target.availability, target.usersPath(window.user) + "/free-slots?" + query);
            if (out.json()) {
                out.json(slots);
                return 0;
            }
            JsonNode list = slots.path("slots");
            if (list.isEmpty()) {
                out.line("no free slot of %s in the window", duration);
            }
            for (JsonNode slot : list) {
                out.line("free %s .. %s", local(slot.path("start").asString(), window.zone),
                        local(slot.path("end").asString(), window.zone));
            }
            printFreshness(out, slots);
            return 0;
        }
    }

    /** An instant as the API gave it, shown as local date-time in {@code zone}. */
    static String local(String instant, ZoneId zone) {
        try {
            return Instant.parse(instant).atZone(zone).toLocalDateTime().toString().replace('T', ' ')
                    + (zone.getId().equals("UTC") ? "Z" : "");
        } catch (DateTimeParseException notAnInstant) {
            return instant;
        }
    }

    static void printFreshness(Output out, JsonNode answer) {
        JsonNode freshness = answer.path("freshness");
        if (!freshness.path("calendarConnected").asBoolean(true)) {
            out.line("(no calendar connected for this user: only appointments and native slots count)");
        }
        for (JsonNode calendar : freshness.path("calendars")) {
            out.line("(calendar %s: %s, last synced %s%s)", calendar.path("calendarId").asString(),
                    calendar.path("state").asString(), calendar.path("lastSuccessAt").asString("never"),
                    calendar.path("stale").asBoolean(false) ? ", STALE" : "");
        }
    }
}
