package io.calsync.availability.schedule;

import io.calsync.service.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A user's working hours. */
@RestController
@Tag(name = "Schedule", description = "Weekly working hours and date overrides of a user")
@RequestMapping("/v1/tenants/{tenantId}/users/{userId}/schedule")
class ScheduleController {

    private final ScheduleStore store;

    ScheduleController(ScheduleStore store) {
        this.store = store;
    }

    @Operation(summary = "The user's schedule", description = "404 when the user has none: they are then bookable at any time.")
    @ApiResponse(responseCode = "404", description = "no schedule", content = @Content(mediaType = "application/problem+json"))
    @GetMapping
    ScheduleDocument get(@PathVariable String tenantId, @PathVariable String userId) {
        return store.document(tenantId, userId).orElseThrow(ScheduleController::none);
    }

    @Operation(summary = "Replace the user's schedule", description = "Weekly hours (several ranges a day, touching but not "
            + "overlapping; end 24:00 for midnight) in an IANA time zone, and date overrides (empty hours: a day off). "
            + "Checked whole before anything is stored: a 400 names the field at fault and changes nothing.")
    @ApiResponse(responseCode = "400", description = "unknown zone or weekday, overlapping or inverted hours, invalid date",
            content = @Content(mediaType = "application/problem+json"))
    @PutMapping
    ScheduleDocument put(@PathVariable String tenantId, @PathVariable String userId,
            @RequestBody ScheduleDocument document) {
        var schedule = document.toSchedule();
        store.save(tenantId, userId, schedule);
        return ScheduleDocument.of(schedule);
    }

    @Operation(summary = "Remove the user's schedule", description = "The user is bookable at any time again.")
    @DeleteMapping
    ResponseEntity<Void> delete(@PathVariable String tenantId, @PathVariable String userId) {
        if (!store.delete(tenantId, userId)) {
            throw none();
        }
        return ResponseEntity.noContent().build();
    }

    private static ApiException none() {
        return new ApiException(HttpStatus.NOT_FOUND, "no-schedule", "No schedule",
                "this user has no schedule: they are bookable at any time");
    }
}
