package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.testsupport.HostileApiWalk;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.TestTokens;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a token must carry, who reads the actuator, and what 401, 403 and the other errors outside MVC look like. */
class TokenIntegrationTests extends WorkerIntegrationTest {

    private String accounts() {
        return usersPath("acme", "u-" + UUID.randomUUID()) + "/icloud-accounts";
    }

    private JsonHttp with(String token) {
        return anonymousApi().with("Authorization", TestTokens.bearer(token));
    }

    @Test
    void aTokenWithoutExpiryIs401InvalidToken() {
        JsonHttp.Response response = with(TestTokens.withoutExpiry("acme")).get(accounts());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    }

    @Test
    void aTokenWithoutTenantIs401InvalidToken_notA404() {
        JsonHttp.Response response = with(TestTokens.withoutTenant()).get(accounts());

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
        assertThat(response.json().get("type").asString()).isEqualTo("https://calsync.io/problems/invalid-token");
    }

    @Test
    void metricsAndPrometheusNeedTheOperatorScope_healthStaysOpen() {
        for (String endpoint : new String[] {"/actuator/metrics", "/actuator/prometheus", "/actuator"}) {
            JsonHttp.Response tenant = api("acme").get(endpoint);
            assertThat(tenant.status()).as(endpoint).isEqualTo(403);
            assertThat(tenant.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"insufficient_scope\"");
            assertThat(tenant.json().get("status").asInt()).isEqualTo(403);
            assertThat(anonymousApi().get(endpoint).status()).as(endpoint).isEqualTo(401);
        }
        assertThat(with(TestTokens.operator()).get("/actuator/metrics").status()).isEqualTo(200);
        JsonHttp.Response prometheus = with(TestTokens.operator()).get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.body()).contains("resilience4j_circuitbreaker_state{", "jvm_memory_used_bytes{");
        assertThat(with(TestTokens.operator()).get("/actuator").status()).isEqualTo(200);
        assertThat(anonymousApi().get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void anOperatorTokenSeesNoTenantsData() {
        assertThat(with(TestTokens.operator()).get(accounts()).status()).isEqualTo(404);
    }

    @Test
    void the401ChallengeRepeatsNothingOfTheRequest() {
        String answer = HostileApiWalk.raw(port, "GET /v1/tenants/acme/users/u/icloud-accounts HTTP/1.1\r\n"
                + "Host: evil.example:6666\r\nX-Forwarded-Host: evil2.example\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 401");
        assertThat(answer).containsIgnoringCase("WWW-Authenticate: Bearer\r\n").containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(answer).doesNotContain("evil");
    }

    @Test
    void errorPageUnknownRoutesMethodsAndFirewallRejectionsAreProblems() {
        JsonHttp.Response error = anonymousApi().get("/error");
        assertThat(error.status()).isEqualTo(404);
        assertThat(error.json().get("status").asInt()).isEqualTo(404);

        JsonHttp.Response unknown = api().get("/v1/no/such/route");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));

        JsonHttp.Response method = api().send("PATCH", accounts(), "{}");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.json().get("type").asString()).isEqualTo("https://calsync.io/problems/method-not-allowed");

        JsonHttp.Response rejected = api().get("/v1/tenants/acme;x=1/users/u/icloud-accounts");
        assertThat(rejected.status()).isEqualTo(400);
        assertThat(rejected.json().get("type").asString()).isEqualTo("https://calsync.io/problems/request-rejected");

        String unknownMethod = HostileApiWalk.raw(port, "FOO /v1/tenants/acme/users/u/icloud-accounts HTTP/1.1\r\n"
                + "Host: 127.0.0.1\r\nAuthorization: " + TestTokens.bearer(TestTokens.forTenant("acme"))
                + "\r\nConnection: close\r\n\r\n");
        assertThat(unknownMethod).matches("(?s)HTTP/1.1 4\\d\\d .*").containsIgnoringCase("Content-Type: application/problem+json");
    }
}
