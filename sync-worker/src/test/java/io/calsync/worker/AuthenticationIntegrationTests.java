package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.TestTokens;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Every endpoint but health needs a bearer token; a token of tenant A sees nothing of tenant B. */
class AuthenticationIntegrationTests extends WorkerIntegrationTest {

    @Test
    void healthIsOpenAndEverythingElseNeedsAToken() {
        assertThat(anonymousApi().get("/actuator/health").status()).isEqualTo(200);
        assertThat(anonymousApi().get("/actuator/metrics").status()).isEqualTo(401);
        assertThat(anonymousApi().get(usersPath("acme", "jane") + "/icloud-accounts").status()).isEqualTo(401);
        assertThat(anonymousApi().post(usersPath("acme", "jane") + "/icloud-accounts",
                Map.of("appleId", "jane@icloud.test", "appSpecificPassword", "abcd-efgh-ijkl-mnop")).status()).isEqualTo(401);
    }

    @Test
    void expiredTokensAndTokensSignedByAnUnknownKeyAreRejected() {
        String path = usersPath("acme", "jane") + "/icloud-accounts";
        assertThat(anonymousApi().with("Authorization", TestTokens.bearer(TestTokens.expired("acme"))).get(path).status())
                .isEqualTo(401);
        assertThat(anonymousApi().with("Authorization", TestTokens.bearer(TestTokens.signedByStranger("acme"))).get(path)
                .status()).isEqualTo(401);
        assertThat(anonymousApi().with("Authorization", "Bearer not.a.jwt").get(path).status()).isEqualTo(401);
    }

    @Test
    void aTokenOfAnotherTenantGets404ForEverythingOfThisTenant() {
        CalDavUser caldav = RADICALE.newUser();
        RADICALE.phoneOf(caldav).createCalendar("work", "Work", "VEVENT");
        String userId = "u-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        configure("acme", userId, accountId, "work", List.of());
        JsonHttp intruder = api("globex");
        String accounts = usersPath("acme", userId) + "/icloud-accounts";

        assertThat(intruder.get(accounts).status()).isEqualTo(404);
        assertThat(intruder.get(accounts + "/" + accountId).status()).isEqualTo(404);
        assertThat(intruder.get(accounts + "/" + accountId + "/calendars").status()).isEqualTo(404);
        assertThat(intruder.post(accounts + "/" + accountId + "/calendars/refresh", "").status()).isEqualTo(404);
        assertThat(intruder.put(accounts + "/" + accountId + "/credentials", Map.of("appSpecificPassword", "abcd-efgh-ijkl-mnop")).status()).isEqualTo(404);
        assertThat(intruder.delete(accounts + "/" + accountId).status()).isEqualTo(404);
        assertThat(intruder.get(usersPath("acme", userId) + "/calendar-configuration").status()).isEqualTo(404);
        assertThat(intruder.put(usersPath("acme", userId) + "/calendar-configuration", Map.of("conflicts", List.of())).status()).isEqualTo(404);
        assertThat(intruder.post(accounts, Map.of("appleId", caldav.username(), "appSpecificPassword", caldav.password())).status()).isEqualTo(404);

        // and nothing changed for the owner
        assertThat(api("acme").get(accounts).json()).hasSize(1);
        assertThat(api("acme").get(usersPath("acme", userId) + "/calendar-configuration").json().get("primary")
                .get("calendarId").asString()).isEqualTo("work");
    }
}
