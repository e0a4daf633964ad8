package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentSyncFailed;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.SyncAction;
import io.calsync.contracts.SyncFailureReason;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.worker.ical.AppointmentCalendar;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Paused means paused: once iCloud rejected an account's password, none of its work calls Apple (a cancellation
 * included) until the user enters a new password; then it goes at once.
 */
class PausedAccountIntegrationTests extends WorkerIntegrationTest {

    private static final Instant TOMORROW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);

    @Test
    void aCancellationInAPausedAccountCallsAppleOnlyAfterReauthentication() {
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        phone.createCalendar("work", "Work", "VEVENT");
        String userId = "u-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        configure("acme", userId, accountId, "work", List.of());
        String appointmentId = "appt-" + UUID.randomUUID();
        KAFKA.publish(new AppointmentBooked("acme", userId, appointmentId, 1, TOMORROW, TOMORROW.plusSeconds(1800), "UTC",
                "Consultation", null, null));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId));
        String resource = AppointmentCalendar.resourceNameOf("acme", appointmentId);

        ICLOUD.forAppleId(caldav.username()).revokePassword();
        KAFKA.await(IntegrationStatusChanged.class, e -> e.accountId().equals(accountId)
                && e.status() == AccountStatus.NEEDS_REAUTH); // the next poll finds the password rejected
        long callsWhenPaused = ICLOUD.requestsOf(caldav.username()).size();
        KAFKA.publish(new AppointmentCancelled("acme", userId, appointmentId, 2, null));

        AppointmentSyncFailed waiting = KAFKA.await(AppointmentSyncFailed.class,
                e -> e.appointmentId().equals(appointmentId) && e.revision() == 2);
        assertThat(waiting.reason()).isEqualTo(SyncFailureReason.NEEDS_REAUTH);
        assertThat(waiting.willRetry()).isTrue();
        assertThat(ICLOUD.requestsOf(caldav.username())).hasSize((int) callsWhenPaused);
        assertThat(phone.getEvent("work", resource)).isPresent();

        ICLOUD.forAppleId(caldav.username()).restorePassword();
        assertThat(api().put(usersPath("acme", userId) + "/icloud-accounts/" + accountId + "/credentials",
                Map.of("appSpecificPassword", caldav.password())).status()).isEqualTo(200);

        AppointmentSynced deleted = KAFKA.await(AppointmentSynced.class,
                e -> e.appointmentId().equals(appointmentId) && e.revision() == 2);
        assertThat(deleted.action()).isEqualTo(SyncAction.DELETED);
        assertThat(phone.getEvent("work", resource)).isEmpty();
    }
}
