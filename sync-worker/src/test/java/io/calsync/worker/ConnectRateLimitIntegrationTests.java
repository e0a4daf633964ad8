package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.JsonHttp;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Passwords cannot be guessed through the API: 5 tries a minute per Apple ID, 10 per user, then 429. */
class ConnectRateLimitIntegrationTests extends WorkerIntegrationTest {

    private static final String WRONG = "wxyz-wxyz-wxyz-wxyz";

    private JsonHttp.Response tryPassword(String userId, String appleId) {
        return api().post(usersPath("acme", userId) + "/icloud-accounts", Map.of("appleId", appleId, "appSpecificPassword", WRONG));
    }

    @Test
    void theSixthAttemptOnOneAppleIdWithinAMinuteIs429_otherAppleIdsAreUnaffected() {
        CalDavUser target = RADICALE.newUser();
        String attacker = "u-" + UUID.randomUUID();
        for (int i = 0; i < 5; i++) {
            assertThat(tryPassword(attacker, target.username()).status()).isEqualTo(422);
        }

        JsonHttp.Response sixth = tryPassword(attacker, target.username());
        assertThat(sixth.status()).isEqualTo(429);
        assertThat(sixth.headers().firstValue("Retry-After").map(Integer::parseInt)).hasValueSatisfying(s -> assertThat(s).isBetween(1, 61));
        assertThat(sixth.json().get("type").asString()).isEqualTo("https://calsync.io/problems/too-many-attempts");
        // another user is refused too: the limit is the Apple ID's, whoever tries
        assertThat(tryPassword("u-" + UUID.randomUUID(), target.username()).status()).isEqualTo(429);
        // the same user with another Apple ID is not
        assertThat(tryPassword(attacker, RADICALE.newUser().username()).status()).isEqualTo(422);
        // and the right password of an untouched account connects at once
        connect("acme", "u-" + UUID.randomUUID(), RADICALE.newUser());
    }

    @Test
    void theEleventhAttemptOfOneUserWithinAMinuteIs429_whateverTheAppleId() {
        String attacker = "u-" + UUID.randomUUID();
        for (int i = 0; i < 10; i++) {
            assertThat(tryPassword(attacker, RADICALE.newUser().username()).status()).isEqualTo(422);
        }

        JsonHttp.Response eleventh = tryPassword(attacker, RADICALE.newUser().username());

        assertThat(eleventh.status()).isEqualTo(429);
        assertThat(eleventh.headers().firstValue("Retry-After")).isPresent();
        assertThat(tryPassword("u-" + UUID.randomUUID(), RADICALE.newUser().username()).status()).isEqualTo(422);
    }

    @Test
    void reauthenticationCountsToo() {
        CalDavUser caldav = RADICALE.newUser();
        String userId = "u-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        String credentials = usersPath("acme", userId) + "/icloud-accounts/" + accountId + "/credentials";
        for (int i = 0; i < 4; i++) { // the connect was the first attempt on this Apple ID
            assertThat(api().put(credentials, Map.of("appSpecificPassword", WRONG)).status()).isEqualTo(422);
        }

        JsonHttp.Response refused = api().put(credentials, Map.of("appSpecificPassword", caldav.password()));

        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void malformedPasswordsDoNotCount() {
        CalDavUser caldav = RADICALE.newUser();
        String userId = "u-" + UUID.randomUUID();
        for (int i = 0; i < 12; i++) {
            assertThat(api().post(usersPath("acme", userId) + "/icloud-accounts",
                    Map.of("appleId", caldav.username(), "appSpecificPassword", "hunter2")).status()).isEqualTo(400);
        }

        connect("acme", userId, caldav);
    }
}
