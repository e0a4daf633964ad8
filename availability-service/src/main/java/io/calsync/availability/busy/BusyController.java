package io.calsync.availability.busy;

import io.calsync.service.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** "When is this user busy?" — merged busy intervals, with their sources on request, and calendar freshness. */
@RestController
@Tag(name = "Availability", description = "Busy time of a user")
@RequestMapping("/v1/tenants/{tenantId}/users/{userId}")
public class BusyController {

    static final Duration MAX_WINDOW = Duration.ofDays(366);
    /** Busy time is asked about years 1900 to 9999; PostgreSQL's timestamp range ends long before Java's. */
    static final Instant EARLIEST = Instant.parse("1900-01-01T00:00:00Z");
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private final BusyStore store;

    public BusyController(BusyStore store) {
        this.store = store;
    }

    /** The answer; {@code calendars} says how fresh each source calendar is. */
    public record BusyAnswer(Instant from, Instant to, List<BusyInterval> busy, List<BusyStore.CalendarFreshness> calendars) {
    }

    @Operation(summary = "When the user is busy in [from, to)", description = "Merged busy intervals from appointments, "
            + "iCloud events (Primary and Check for conflicts calendars) and the platform's own blocked slots. With "
            + "explain=true each interval lists its sources. calendars: the state and last successful sync of each "
            + "source calendar. The window may span at most 366 days.")
    @ApiResponse(responseCode = "400", description = "from/to missing, not RFC 3339, reversed or too far apart", content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/busy")
    BusyAnswer busy(@PathVariable String tenantId, @PathVariable String userId, @RequestParam String from,
            @RequestParam String to, @RequestParam(defaultValue = "false") boolean explain) {
        Instant start = instant("from", from);
        Instant end = instant("to", to);
        if (!end.isAfter(start)) {
            throw ApiException.invalid("'to' must be after 'from'");
        }
        if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
            throw ApiException.invalid("the window from 'from' to 'to' may span at most " + MAX_WINDOW.toDays() + " days");
        }
        List<BusyInterval> busy = Intervals.merge(store.sources(tenantId, userId, start, end), start, end);
        if (!explain) {
            busy = busy.stream().map(b -> new BusyInterval(b.start(), b.end(), null)).toList();
        }
        return new BusyAnswer(start, end, busy, store.freshness(tenantId, userId));
    }

    /** The detail never repeats the value: it may hold anything the caller sent. */
    private static Instant instant(String name, String value) {
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiException.invalid("'" + name + "' must be an RFC 3339 date-time with offset, e.g. "
                    + "2026-12-01T09:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiException.invalid("'" + name + "' must lie in the years 1900 to 9999");
        }
        return instant;
    }
}
