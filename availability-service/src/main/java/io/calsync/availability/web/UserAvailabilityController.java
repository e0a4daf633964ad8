package io.calsync.availability.web;

import io.calsync.availability.answers.AvailabilityAnswers;
import io.calsync.availability.answers.BlockedSlotsAnswer;
import io.calsync.availability.answers.BusyAnswer;
import io.calsync.availability.answers.ConflictAnswer;
import io.calsync.availability.answers.FreeSlotsAnswer;
import io.calsync.availability.domain.Interval;
import io.calsync.availability.domain.InvalidFieldException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** One user's availability: busy time, free slots, conflicts of a proposed time, blocked slots to show. */
@RestController
@Tag(name = "Availability", description = "Busy time, free slots and conflicts of a user, from the materialized state")
@RequestMapping("/v1/tenants/{tenantId}/users/{userId}")
class UserAvailabilityController {

    private final AvailabilityAnswers answers;

    UserAvailabilityController(AvailabilityAnswers answers) {
        this.answers = answers;
    }

    @Operation(summary = "When the user is busy in [from, to)", description = "Merged busy intervals from appointments, "
            + "iCloud events (Primary and Check for conflicts calendars) and the platform's own blocked slots. With "
            + "explain=true each interval lists its sources (appointment id; account, calendar, event UID and "
            + "recurrence id; native slot id) with their titles as the calendar's privacy allows. freshness: the state "
            + "and last sync of each source calendar. The tenant's stale policy applies as for free slots: a stale or "
            + "failing calendar makes the whole window busy (a stretch of kind UNTRUSTED_CALENDAR), counts as last "
            + "known, or fails the request with 503. The window may span at most 366 days. An unknown user has no "
            + "busy time and no calendar connected.")
    @ApiResponse(responseCode = "400", description = "from/to missing, not RFC 3339, reversed or too far apart",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "a calendar is stale or failing and the tenant's policy is FAIL",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/busy")
    BusyAnswer busy(@PathVariable String tenantId, @PathVariable String userId, @RequestParam String from,
            @RequestParam String to, @RequestParam(defaultValue = "false") boolean explain) {
        return answers.busy(tenantId, userId, Params.window("from", from, "to", to, Params.MAX_BUSY_WINDOW), explain);
    }

    @Operation(summary = "Bookable slots in [from, to)", description = "Slots of `duration` inside the user's schedule "
            + "(without one: any time), starting on the `step` grid of `timeZone` (default: the schedule's zone, else "
            + "UTC; step defaults to the duration), whose buffers before and after are free, starting at least "
            + "`minNotice` from now, on no day (in the schedule's zone) that already holds `maxPerDay` appointments. "
            + "format=periods answers the free stretches at least `duration` long instead. Durations are ISO 8601 "
            + "(PT30M). A stale or failing calendar makes the whole window busy, counts as last known, or fails the "
            + "request with 503, as the tenant's availability settings say.")
    @ApiResponse(responseCode = "400", description = "a parameter out of its range, named in the problem",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "a calendar is stale or failing and the tenant's policy is FAIL",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/free-slots")
    FreeSlotsAnswer freeSlots(@PathVariable String tenantId, @PathVariable String userId,
            @RequestParam String from, @RequestParam String to,
            @Parameter(description = "ISO 8601, e.g. PT30M; positive, at most the window") @RequestParam String duration,
            @Parameter(description = "ISO 8601, 5 minutes to 1 day; default the duration") @RequestParam(required = false) String step,
            @Parameter(description = "IANA zone of the step grid") @RequestParam(required = false) String timeZone,
            @Parameter(description = "ISO 8601, at most 1 day; default PT0S") @RequestParam(required = false) String bufferBefore,
            @Parameter(description = "ISO 8601, at most 1 day; default PT0S") @RequestParam(required = false) String bufferAfter,
            @Parameter(description = "ISO 8601, from now; at most 366 days") @RequestParam(required = false) String minNotice,
            @Parameter(description = "1 to 1000, default 100") @RequestParam(required = false) Integer maxResults,
            @Parameter(schema = @Schema(allowableValues = {"slots", "periods"})) @RequestParam(required = false) String format,
            @Parameter(description = "at least 1") @RequestParam(required = false) Integer maxPerDay) {
        return answers.freeSlots(tenantId, userId, Params.slotOptions(from, to, duration, step, timeZone, bufferBefore,
                bufferAfter, minNotice, maxResults, format, maxPerDay));
    }

    /** A proposed booking. */
    record ConflictQuestion(
            @Schema(example = "2026-12-01T09:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED) String start,
            @Schema(example = "2026-12-01T09:30:00Z", requiredMode = Schema.RequiredMode.REQUIRED) String end,
            @Schema(description = "ISO 8601, at most 1 day", example = "PT10M") String bufferBefore,
            @Schema(description = "ISO 8601, at most 1 day", example = "PT10M") String bufferAfter) {
    }

    @Operation(summary = "Whether a proposed time conflicts", description = "Whether [start, end) widened by its buffers "
            + "shares time with anything that makes the user busy (touching is no conflict), with what, explained as "
            + "busy?explain=true does, and whether the proposed time lies inside the user's schedule. The tenant's "
            + "stale policy applies as for free slots (a stale calendar under BUSY is a conflict of kind "
            + "UNTRUSTED_CALENDAR).")
    @ApiResponse(responseCode = "400", description = "start/end missing, malformed or reversed; a buffer negative or over 1 day",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/conflicts")
    ConflictAnswer conflicts(@PathVariable String tenantId, @PathVariable String userId,
            @RequestBody ConflictQuestion question) {
        Interval proposed = Params.window("start", question.start(), "end", question.end(), Params.MAX_BUSY_WINDOW);
        Duration before = buffer("bufferBefore", question.bufferBefore());
        Duration after = buffer("bufferAfter", question.bufferAfter());
        return answers.conflicts(tenantId, userId, proposed, before, after);
    }

    @Operation(summary = "The blocked slots to show in [from, to)", description = "iCloud and native blocked slots "
            + "overlapping the window, by start: title as the calendar's privacy allows, all-day slots with their local "
            + "dates, the source calendar and its role. At most 366 days.")
    @ApiResponse(responseCode = "400", description = "from/to missing, not RFC 3339, reversed or too far apart",
            content = @Content(mediaType = "application/problem+json"))
    @GetMapping("/blocked-slots")
    BlockedSlotsAnswer blockedSlots(@PathVariable String tenantId, @PathVariable String userId,
            @RequestParam String from, @RequestParam String to) {
        return answers.blockedSlots(tenantId, userId, Params.window("from", from, "to", to, Params.MAX_BUSY_WINDOW));
    }

    private static Duration buffer(String field, String value) {
        Duration buffer = Params.duration(field, value, Duration.ZERO);
        if (buffer.isNegative()) {
            throw new InvalidFieldException(field, "must not be negative");
        }
        if (buffer.compareTo(Duration.ofDays(1)) > 0) {
            throw new InvalidFieldException(field, "must be at most 1 day");
        }
        return buffer;
    }
}
