package io.calsync.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.testsupport.HostileApiWalk;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.TestTokens;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The availability API under hostile input: every endpoint of its OpenAPI document, every error a problem. */
class HostileApiInputIntegrationTests extends AvailabilityIntegrationTest {

    private static final Map<String, String> VALID = Map.of("tenantId", "acme", "userId", "hostile-user",
            "from", "2026-12-01T00:00:00Z", "to", "2026-12-02T00:00:00Z", "explain", "true");

    @Test
    void everyEndpointAnswersHostileInputWithAProblemThatRepeatsNothing() {
        JsonNode document = api().get("/v3/api-docs").json();
        HostileApiWalk walk = new HostileApiWalk("http://127.0.0.1:" + port, TestTokens.forTenant("acme"), document, VALID);
        assertThat(walk.operations()).contains("GET /v1/tenants/{tenantId}/users/{userId}/busy");

        assertThat(walk.unsafeOutcomes()).as("of " + walk.probes().size() + " hostile requests").isEmpty();
    }

    @Test
    void instantsOutsideTheYears1900To9999Are400NamingTheParameter() {
        JsonHttp.Response response = api().get("/v1/tenants/acme/users/u/busy?from=%2B300000-01-01T00:00:00Z&to=%2B300000-01-02T00:00:00Z");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).isEqualTo("'from' must lie in the years 1900 to 9999");
        assertThat(api().get("/v1/tenants/acme/users/u/busy?from=1899-12-31T00:00:00Z&to=1900-01-02T00:00:00Z").status())
                .isEqualTo(400);
        assertThat(api().get("/v1/tenants/acme/users/u/busy?from=9999-12-30T00:00:00Z&to=9999-12-31T00:00:00Z").status())
                .isEqualTo(200);
    }

    @Test
    void pathIdentifiersOutsideTheSafeFormAre400NamingTheVariable() {
        JsonHttp.Response response = api().get("/v1/tenants/acme/users/" + "u".repeat(129) + "/busy?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).startsWith("'userId' must be 1 to 128 characters");
    }
}
