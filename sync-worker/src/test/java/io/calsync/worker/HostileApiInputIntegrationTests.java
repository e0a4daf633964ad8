package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.testsupport.HostileApiWalk;
import io.calsync.testsupport.TestTokens;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The Integrations API under hostile input: every endpoint of its OpenAPI document, every error a problem. */
class HostileApiInputIntegrationTests extends WorkerIntegrationTest {

    @Test
    void everyEndpointAnswersHostileInputWithAProblemThatRepeatsNothing() {
        JsonNode document = api().get("/v3/api-docs").json();
        HostileApiWalk walk = new HostileApiWalk("http://127.0.0.1:" + port, TestTokens.forTenant("acme"), document,
                Map.of("tenantId", "acme", "userId", "hostile-" + UUID.randomUUID(), "accountId", UUID.randomUUID().toString()));
        assertThat(walk.operations()).contains("POST /v1/tenants/{tenantId}/users/{userId}/icloud-accounts",
                "PUT /v1/tenants/{tenantId}/users/{userId}/calendar-configuration",
                "PUT /v1/tenants/{tenantId}/users/{userId}/icloud-accounts/{accountId}/credentials");

        assertThat(walk.unsafeOutcomes()).as("of " + walk.probes().size() + " hostile requests").isEmpty();
    }

    @Test
    void aNullAmongTheConflictCalendarsIs400NamingTheElement() {
        var response = api().put(usersPath("acme", "u-" + UUID.randomUUID()) + "/calendar-configuration",
                "{\"conflicts\": [{\"accountId\": \"" + UUID.randomUUID() + "\", \"calendarId\": \"work\"}, null]}");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).isEqualTo("'conflicts[1]' must not be null");
    }

    @Test
    void aNulInTheAppleIdIs400NamingTheField() {
        var response = api().post(usersPath("acme", "u-" + UUID.randomUUID()) + "/icloud-accounts",
                "{\"appleId\": \"jane\\u0000@icloud.test\", \"appSpecificPassword\": \"abcd-efgh-ijkl-mnop\"}");

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).isEqualTo("'appleId' must not contain the NUL character (U+0000)");
    }

    @Test
    void unparsableJsonIs400WithLineAndColumnAndNoEcho() {
        var response = api().post(usersPath("acme", "u-" + UUID.randomUUID()) + "/icloud-accounts",
                "{\"appleId\": \"jane@icloud.test\",\n \"appSpecificPassword\": secretvalue-abcd}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().get("detail").asString()).isEqualTo("the request body is not valid JSON (line 2, column 25)");
        assertThat(response.body()).doesNotContain("secretvalue");
    }
}
