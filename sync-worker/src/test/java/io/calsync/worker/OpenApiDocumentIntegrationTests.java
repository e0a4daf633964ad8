package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.OpenApiDocument;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class OpenApiDocumentIntegrationTests extends WorkerIntegrationTest {

    @Test
    void theServedDocumentIsTheCommittedOneAndCoversTheIntegrationsApi() {
        JsonHttp.Response served = api().get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);

        JsonNode document = OpenApiDocument.check("sync-worker", served.body());

        assertThat(document.get("openapi").asString()).startsWith("3.");
        assertThat(document.get("paths").propertyNames()).contains(
                "/v1/tenants/{tenantId}/users/{userId}/icloud-accounts",
                "/v1/tenants/{tenantId}/users/{userId}/icloud-accounts/{accountId}",
                "/v1/tenants/{tenantId}/users/{userId}/icloud-accounts/{accountId}/calendars",
                "/v1/tenants/{tenantId}/users/{userId}/icloud-accounts/{accountId}/calendars/refresh",
                "/v1/tenants/{tenantId}/users/{userId}/icloud-accounts/{accountId}/credentials",
                "/v1/tenants/{tenantId}/users/{userId}/calendar-configuration");
        assertThat(anonymousApi().get("/v3/api-docs").status()).isEqualTo(401);
    }
}
