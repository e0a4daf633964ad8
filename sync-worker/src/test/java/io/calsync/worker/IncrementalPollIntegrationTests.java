package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentDrifted;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotDigest;
import io.calsync.contracts.SlotReleased;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.worker.ical.AppointmentCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The read path as booking services depend on it: calsync's own events never become slots and their changes in
 * iCloud are reported as drift, once; an unreadable event keeps the slots it had; a rejected password pauses the
 * account until the user re-enters it; a role change re-publishes slots at once.
 */
class IncrementalPollIntegrationTests extends WorkerIntegrationTest {

    private static final Instant TOMORROW_NINE = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS)
            .plus(9, ChronoUnit.HOURS);

    private record User(String userId, CalDavUser caldav, CalDavPhone phone, String accountId) {
    }

    private User userWith(String primary, String... conflicts) {
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        phone.createCalendar(primary, primary, "VEVENT");
        for (String conflict : conflicts) {
            phone.createCalendar(conflict, conflict, "VEVENT");
        }
        String userId = "u-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        configure("acme", userId, accountId, primary, List.of(conflicts));
        return new User(userId, caldav, phone, accountId);
    }

    /** Polls of a calendar so far: each one starts with one sync-collection REPORT. */
    private static long pollsOf(User user, String calendarId) {
        return ICLOUD.requests().stream()
                .filter(r -> r.method().equals("REPORT") && r.status() == 207 && r.appleId().equals(user.caldav().username())
                        && r.path().endsWith("/" + calendarId + "/"))
                .count();
    }

    private static void awaitPolls(User user, String calendarId, int more) {
        long before = pollsOf(user, calendarId);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pollsOf(user, calendarId) >= before + more);
    }

    private static String ics(String uid, Instant start, Instant end, String summary) {
        return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//phone//EN\nBEGIN:VEVENT\nUID:" + uid
                + "\nDTSTAMP:20260101T000000Z\nDTSTART:" + ical(start) + "\nDTEND:" + ical(end) + "\nSUMMARY:" + summary
                + "\nEND:VEVENT\nEND:VCALENDAR\n").replace("\n", "\r\n");
    }

    private static String ical(Instant instant) {
        return instant.toString().replace("-", "").replace(":", "").replaceAll("\\.\\d+", "");
    }

    private String book(User user, String title) {
        String appointmentId = "appt-" + UUID.randomUUID();
        KAFKA.publish(new AppointmentBooked("acme", user.userId(), appointmentId, 1, TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "UTC", title, null, null));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId));
        return appointmentId;
    }

    @Test
    void calsyncsOwnEventMovedOnThePhoneIsReportedAsDriftOnce_neverAsASlot() {
        User user = userWith("work");
        String appointmentId = book(user, "Consultation " + user.userId());
        String resource = AppointmentCalendar.resourceNameOf("acme", appointmentId);
        String moved = user.phone().getEvent("work", resource).orElseThrow()
                .replace(ical(TOMORROW_NINE), ical(TOMORROW_NINE.plus(2, ChronoUnit.HOURS)))
                .replace(ical(TOMORROW_NINE.plus(1, ChronoUnit.HOURS)), ical(TOMORROW_NINE.plus(3, ChronoUnit.HOURS)));

        user.phone().putEvent("work", resource, moved);

        AppointmentDrifted drifted = KAFKA.await(AppointmentDrifted.class, e -> e.appointmentId().equals(appointmentId));
        assertThat(drifted.detail()).contains("changed in iCloud").contains(TOMORROW_NINE.plus(2, ChronoUnit.HOURS).toString());
        awaitPolls(user, "work", 3);
        assertThat(KAFKA.events(AppointmentDrifted.class)).filteredOn(e -> e.appointmentId().equals(appointmentId)).hasSize(1);
        assertThat(KAFKA.events(SlotBlocked.class)).filteredOn(e -> e.userId().equals(user.userId())).isEmpty();
        // the platform's version is not silently written back over the user's change
        assertThat(user.phone().getEvent("work", resource).orElseThrow()).isEqualTo(moved);
    }

    @Test
    void calsyncsOwnEventDeletedOnThePhoneIsReportedAsDrift() {
        User user = userWith("work");
        String appointmentId = book(user, "Consultation " + user.userId());

        user.phone().deleteEvent("work", AppointmentCalendar.resourceNameOf("acme", appointmentId));

        AppointmentDrifted drifted = KAFKA.await(AppointmentDrifted.class, e -> e.appointmentId().equals(appointmentId));
        assertThat(drifted.detail()).isEqualTo("deleted in iCloud");
    }

    @Test
    void everyChangeOfTheSlotsIsFollowedByASyncStatusCarryingTheDigestOfThoseSlots() {
        User user = userWith("work");
        user.phone().putEvent("work", "a.ics", ics("a-" + user.userId(), TOMORROW_NINE, TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "A"));
        user.phone().putEvent("work", "b.ics", ics("b-" + user.userId(), TOMORROW_NINE.plus(2, ChronoUnit.HOURS),
                TOMORROW_NINE.plus(3, ChronoUnit.HOURS), "B"));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> KAFKA.events(SlotBlocked.class).stream()
                .filter(e -> e.userId().equals(user.userId())).count() == 2);
        List<SlotBlocked> both = KAFKA.events(SlotBlocked.class).stream().filter(e -> e.userId().equals(user.userId())).toList();
        KAFKA.await(CalendarSyncStatusReported.class, e -> e.accountId().equals(user.accountId())
                && digestOf(both).equals(e.slotDigest()));

        user.phone().deleteEvent("work", "a.ics");

        SlotReleased released = KAFKA.await(SlotReleased.class, e -> e.userId().equals(user.userId()));
        List<SlotBlocked> left = both.stream().filter(b -> !b.slotId().equals(released.slotId())).toList();
        assertThat(left).hasSize(1);
        KAFKA.await(CalendarSyncStatusReported.class, e -> e.accountId().equals(user.accountId())
                && digestOf(left).equals(e.slotDigest()));
    }

    private static String digestOf(List<SlotBlocked> slots) {
        SlotDigest digest = SlotDigest.EMPTY;
        for (SlotBlocked slot : slots) {
            digest = digest.with(slot.slotId(), slot.start(), slot.end());
        }
        return digest.toString();
    }

    @Test
    void anEventThatCanNoLongerBeReadKeepsItsSlot_andTheSyncStatusSaysWhich() {
        User user = userWith("work");
        user.phone().putEvent("work", "dentist.ics", ics("dentist-" + user.userId(), TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "Dentist"));
        SlotBlocked dentist = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(user.userId()));

        // every five minutes, for ever: more instances in the window than calsync expands for one event
        user.phone().putEvent("work", "dentist.ics", ics("dentist-" + user.userId(), TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.MINUTES), "Dentist").replace("SUMMARY:", "RRULE:FREQ=MINUTELY;INTERVAL=5\r\nSUMMARY:"));

        CalendarSyncStatusReported status = KAFKA.await(CalendarSyncStatusReported.class,
                e -> e.accountId().equals(user.accountId()) && e.error() != null);
        assertThat(status.error()).contains("dentist.ics").contains("more than 5000 occurrences");
        awaitPolls(user, "work", 2);
        assertThat(KAFKA.events(SlotReleased.class)).noneMatch(e -> e.slotId().equals(dentist.slotId()));
    }

    @Test
    void aRejectedPasswordDuringPollingPausesTheAccount_andAfterReauthenticationPollingCatchesUp() {
        User user = userWith("work");
        awaitPolls(user, "work", 1);
        ICLOUD.forAppleId(user.caldav().username()).revokePassword();

        KAFKA.await(IntegrationStatusChanged.class, e -> e.accountId().equals(user.accountId())
                && e.status() == AccountStatus.NEEDS_REAUTH);
        user.phone().putEvent("work", "meanwhile.ics", ics("meanwhile-" + user.userId(), TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "Meanwhile"));
        long requestsWhilePaused = ICLOUD.requests().stream()
                .filter(r -> r.appleId().equals(user.caldav().username())).count();
        awaitPolls(userWith("other"), "other", 2); // other accounts go on being polled
        assertThat(ICLOUD.requests().stream().filter(r -> r.appleId().equals(user.caldav().username())).count())
                .isEqualTo(requestsWhilePaused);

        ICLOUD.forAppleId(user.caldav().username()).restorePassword();
        assertThat(api().put(usersPath("acme", user.userId()) + "/icloud-accounts/" + user.accountId() + "/credentials",
                Map.of("appSpecificPassword", user.caldav().password())).status()).isEqualTo(200);

        SlotBlocked meanwhile = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(user.userId()));
        assertThat(meanwhile.title()).isEqualTo("Meanwhile");
    }

    @Test
    void aConflictCalendarMadePrimaryRepublishesItsSlotsWithTheNewRoleAtOnce() {
        User user = userWith("work", "family");
        user.phone().putEvent("family", "school.ics", ics("school-" + user.userId(), TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "School play"));
        SlotBlocked asConflict = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(user.userId()));
        assertThat(asConflict.origin().role()).isEqualTo(CalendarRole.CONFLICT);

        configure("acme", user.userId(), user.accountId(), "family", List.of("work"));

        SlotBlocked asPrimary = KAFKA.await(SlotBlocked.class, e -> e.slotId().equals(asConflict.slotId())
                && e.origin().role() == CalendarRole.PRIMARY, Duration.ofSeconds(10));
        assertThat(asPrimary.start()).isEqualTo(asConflict.start());
    }
}
