package io.calsync.availability.web;

import io.calsync.availability.answers.AvailabilityAnswers;
import io.calsync.availability.answers.TeamAnswer;
import io.calsync.availability.domain.InvalidFieldException;
import io.calsync.availability.domain.TeamAvailability;
import io.calsync.availability.domain.TeamMode;
import io.calsync.service.web.IdentifierGuard;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Team availability: slots where all, any or at least some of several users are free. */
@RestController
@Tag(name = "Team availability", description = "Free slots of several users at once")
class TeamController {

    private final AvailabilityAnswers answers;

    TeamController(AvailabilityAnswers answers) {
        this.answers = answers;
    }

    /** The question: who, how many of them must be free, and the options of a single user's free slots. */
    record TeamQuestion(
            @ArraySchema(arraySchema = @Schema(description = "1 to 50 user ids, each once", requiredMode = Schema.RequiredMode.REQUIRED))
            List<String> users,
            @Schema(allowableValues = {"all", "any", "atLeast"}, requiredMode = Schema.RequiredMode.REQUIRED) String mode,
            @Schema(description = "for mode atLeast: how many must be free, 1 to the number of users") Integer count,
            @Schema(example = "2026-12-01T00:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED) String from,
            @Schema(example = "2026-12-08T00:00:00Z", requiredMode = Schema.RequiredMode.REQUIRED) String to,
            @Schema(example = "PT30M", requiredMode = Schema.RequiredMode.REQUIRED) String duration,
            @Schema(description = "ISO 8601, 5 minutes to 1 day; default the duration") String step,
            @Schema(description = "IANA zone of the step grid; default UTC") String timeZone,
            String bufferBefore, String bufferAfter, String minNotice,
            @Schema(description = "1 to 1000, default 100") Integer maxResults,
            Integer maxPerDay) {
    }

    @Operation(summary = "Slots for a team", description = "Slots where all, any, or at least `count` of the users are "
            + "free, each listing who is free for it. Each user's free time follows their own schedule, buffers, "
            + "minimum notice, maxPerDay and their tenant's stale policy; the slots lie on one step grid. "
            + "users: each freshness.")
    @ApiResponse(responseCode = "400", description = "a field out of its range, named in the problem",
            content = @Content(mediaType = "application/problem+json"))
    @ApiResponse(responseCode = "503", description = "a calendar is stale or failing and the tenant's policy is FAIL",
            content = @Content(mediaType = "application/problem+json"))
    @PostMapping("/v1/tenants/{tenantId}/free-slots")
    TeamAnswer team(@PathVariable String tenantId, @RequestBody TeamQuestion question) {
        List<String> users = users(question.users());
        TeamMode mode = mode(question.mode(), question.count());
        var options = Params.slotOptions(question.from(), question.to(), question.duration(), question.step(),
                question.timeZone(), question.bufferBefore(), question.bufferAfter(), question.minNotice(),
                question.maxResults(), null, question.maxPerDay());
        mode.required(users.size());
        return answers.team(tenantId, users, mode, options);
    }

    private static List<String> users(List<String> users) {
        if (users == null || users.isEmpty()) {
            throw new InvalidFieldException("users", "must name at least one user");
        }
        if (users.size() > TeamAvailability.MAX_USERS) {
            throw new InvalidFieldException("users", "at most " + TeamAvailability.MAX_USERS + " users at once");
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < users.size(); i++) {
            if (!IdentifierGuard.IDENTIFIER.matcher(users.get(i)).matches()) {
                throw new InvalidFieldException("users[" + i + "]", "must be 1 to 128 characters of A-Z, a-z, 0-9 and . _ : @ + -");
            }
            if (!seen.add(users.get(i))) {
                throw new InvalidFieldException("users[" + i + "]", "names a user given before");
            }
        }
        return users;
    }

    private static TeamMode mode(String mode, Integer count) {
        if ("atLeast".equals(mode)) {
            if (count == null) {
                throw new InvalidFieldException("count", "is required for mode atLeast");
            }
            return TeamMode.atLeast(count);
        }
        if (count != null) {
            throw new InvalidFieldException("count", "is only for mode atLeast");
        }
        if ("all".equals(mode)) {
            return TeamMode.all();
        }
        if ("any".equals(mode)) {
            return TeamMode.any();
        }
        throw new InvalidFieldException("mode", "must be all, any or atLeast");
    }
}
