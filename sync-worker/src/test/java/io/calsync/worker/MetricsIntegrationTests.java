package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.testsupport.CalDavUser;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Metrics are shared by every tenant and read by operators: no tag may name an account or an Apple ID, and no tag
 * may take one value per account (an unbounded tag set grows the registry with every Apple ID ever tried).
 */
class MetricsIntegrationTests extends WorkerIntegrationTest {

    private static final Pattern E_MAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final Pattern UUID_TEXT = Pattern.compile(
            "\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");

    @Autowired
    private MeterRegistry meters;

    private final String userId = "u-" + UUID.randomUUID();

    @Test
    void callsToAppleForAnAccountLeaveNeitherItsAppleIdNorItsAccountIdInAnyMetricTag() {
        CalDavUser caldav = RADICALE.newUser();
        RADICALE.phoneOf(caldav).createCalendar("work", "Work", "VEVENT");
        String accountId = connect("acme", userId, caldav).get("accountId").asString(); // a call keyed by the Apple ID
        int requestsBefore = ICLOUD.requestsOf(caldav.username()).size();
        assertThat(api().post(usersPath("acme", userId) + "/icloud-accounts/" + accountId + "/calendars/refresh",
                null).status()).isEqualTo(200); // a call keyed by the account id
        assertThat(ICLOUD.requestsOf(caldav.username())).hasSizeGreaterThan(requestsBefore);

        List<String> offending = meters.getMeters().stream()
                .map(Meter::getId)
                .flatMap(id -> id.getTags().stream()
                        .filter(tag -> namesAnAccount(tag.getValue(), accountId, caldav.username()))
                        .map(tag -> id.getName() + "{" + tag.getKey() + "=" + tag.getValue() + "}"))
                .toList();

        assertThat(meters.getMeters()).as("Resilience4j's metrics are bound, so an account's limiter would show")
                .anyMatch(meter -> meter.getId().getName().startsWith("resilience4j.circuitbreaker."));
        assertThat(offending).as("meters whose tags name an account or take one value per account").isEmpty();
    }

    private static boolean namesAnAccount(String tagValue, String accountId, String appleId) {
        return tagValue.contains(accountId)
                || tagValue.toLowerCase().contains(appleId.toLowerCase())
                || E_MAIL.matcher(tagValue).find()
                || UUID_TEXT.matcher(tagValue).find();
    }
}
