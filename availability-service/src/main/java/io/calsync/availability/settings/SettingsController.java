package io.calsync.availability.settings;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's trust in synced data. */
@RestController
@Tag(name = "Settings", description = "A tenant's availability settings")
@RequestMapping("/v1/tenants/{tenantId}/availability-settings")
class SettingsController {

    private final SettingsStore store;

    SettingsController(SettingsStore store) {
        this.store = store;
    }

    @Operation(summary = "The tenant's availability settings", description = "Defaults: staleAfter PT15M, stalePolicy BUSY.")
    @GetMapping
    SettingsDocument get(@PathVariable String tenantId) {
        return SettingsDocument.of(store.of(tenantId));
    }

    @Operation(summary = "Replace the tenant's availability settings")
    @ApiResponse(responseCode = "400", description = "staleAfter not a duration of 1 minute to 7 days, or an unknown policy",
            content = @Content(mediaType = "application/problem+json"))
    @PutMapping
    SettingsDocument put(@PathVariable String tenantId, @RequestBody SettingsDocument document) {
        var settings = document.toSettings();
        store.save(tenantId, settings);
        return SettingsDocument.of(settings);
    }
}
