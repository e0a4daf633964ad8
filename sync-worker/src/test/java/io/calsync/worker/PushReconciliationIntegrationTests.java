package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentDrifted;
import io.calsync.contracts.AppointmentRescheduled;
import io.calsync.contracts.AppointmentSyncEvent;
import io.calsync.contracts.AppointmentSyncFailed;
import io.calsync.contracts.AppointmentSyncSkipped;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.SkipReason;
import io.calsync.contracts.SyncAction;
import io.calsync.contracts.SyncFailureReason;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.ICloudProxy;
import io.calsync.worker.ical.AppointmentCalendar;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** How the dispatcher brings the Primary Calendar to the desired state when iCloud does not cooperate. */
class PushReconciliationIntegrationTests extends WorkerIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private static final Instant START = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(2, ChronoUnit.DAYS);

    private record User(String userId, CalDavUser caldav, CalDavPhone phone, String accountId) {
    }

    private User userWithPrimary(String... calendars) {
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        for (String calendar : calendars) {
            phone.createCalendar(calendar, calendar, "VEVENT");
        }
        String userId = "u-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        configure("acme", userId, accountId, calendars[0], List.of());
        return new User(userId, caldav, phone, accountId);
    }

    private static AppointmentBooked booked(User user, String id, String title) {
        return new AppointmentBooked("acme", user.userId(), id, 1, START, START.plusSeconds(1800), "UTC", title, null, null);
    }

    private static AppointmentRescheduled rescheduled(User user, String id, long revision, String title) {
        return new AppointmentRescheduled("acme", user.userId(), id, revision, START.plusSeconds(3600),
                START.plusSeconds(5400), "UTC", title, null, null);
    }

    private static String resource(String id) {
        return AppointmentCalendar.resourceNameOf("acme", id);
    }

    @Test
    void a401MidStreamPausesTheAccountLosesNothingAndEverythingArrivesAfterReauthentication() {
        User user = userWithPrimary("work");
        List<String> ids = java.util.stream.IntStream.range(0, 30).mapToObj(i -> "reauth-" + i + "-" + user.userId()).toList();
        ids.subList(0, 10).forEach(id -> KAFKA.publish(booked(user, id, id)));
        ids.subList(0, 10).forEach(id -> KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id)));

        ICLOUD.forAppleId(user.caldav().username()).revokePassword();
        ids.subList(10, 30).forEach(id -> KAFKA.publish(booked(user, id, id)));
        KAFKA.await(IntegrationStatusChanged.class, e -> e.accountId().equals(user.accountId())
                && e.status() == AccountStatus.NEEDS_REAUTH);
        assertThat(api().get(usersPath("acme", user.userId()) + "/icloud-accounts/" + user.accountId()).json()
                .get("status").asString()).isEqualTo("NEEDS_REAUTH");
        assertThat(user.phone().listEvents("work")).hasSize(10);

        CalDavUser renewed = RADICALE.changePassword(user.caldav());
        ICLOUD.forAppleId(user.caldav().username()).restorePassword();
        assertThat(api().put(usersPath("acme", user.userId()) + "/icloud-accounts/" + user.accountId() + "/credentials",
                Map.of("appSpecificPassword", renewed.password())).status()).isEqualTo(200);

        ids.forEach(id -> KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id)));
        assertThat(RADICALE.phoneOf(renewed).listEvents("work")).hasSize(30);
    }

    @Test
    void aPutAnsweredWithoutAnETagIsFollowedByAPropfindForIt() {
        User user = userWithPrimary("work");
        ICLOUD.forAppleId(user.caldav().username()).omitEtagOnPut();
        String id = "noetag-" + user.userId();

        KAFKA.publish(booked(user, id, "No ETag"));

        AppointmentSynced synced = KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id));
        assertThat(synced.etag()).isNotBlank();
        assertThat(ICLOUD.requestsOf(user.caldav().username())).filteredOn(r -> r.path().endsWith(resource(id)))
                .extracting(ICloudProxy.Request::method).containsExactly("PUT", "PROPFIND");
        // the ETag was right: the next update goes through without a conflict
        KAFKA.publish(rescheduled(user, id, 2, "Updated"));
        assertThat(KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id) && e.revision() == 2).action())
                .isEqualTo(SyncAction.UPDATED);
        assertThat(ICLOUD.requestsOf(user.caldav().username())).extracting(ICloudProxy.Request::status).doesNotContain(412);
    }

    @Test
    void anEventEditedInICloudGets412_isReReadAndOverwrittenWithThePlatformsVersion() {
        User user = userWithPrimary("work");
        String id = "edited-" + user.userId();
        KAFKA.publish(booked(user, id, "Original"));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id));
        String stored = user.phone().getByPath(user.phone().calendarPath("work") + resource(id)).orElseThrow();
        user.phone().putEvent("work", resource(id), stored.replace("SUMMARY:Original", "SUMMARY:Changed on the phone"));

        KAFKA.publish(rescheduled(user, id, 2, "Platform version"));

        AppointmentDrifted drifted = KAFKA.await(AppointmentDrifted.class, e -> e.appointmentId().equals(id));
        assertThat(drifted.detail()).contains("changed in iCloud");
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id) && e.revision() == 2);
        assertThat(ICLOUD.requestsOf(user.caldav().username())).extracting(ICloudProxy.Request::status).contains(412);
        assertThat(user.phone().allEventBodies("work")).singleElement().asString().contains("SUMMARY:Platform version");
    }

    @Test
    void anEventDeletedInICloudIsWrittenAgainOnTheNextChange() {
        User user = userWithPrimary("work");
        String id = "deleted-" + user.userId();
        KAFKA.publish(booked(user, id, "Original"));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id));
        user.phone().deleteEvent("work", resource(id));

        KAFKA.publish(rescheduled(user, id, 2, "Back again"));

        assertThat(KAFKA.await(AppointmentDrifted.class, e -> e.appointmentId().equals(id)).detail()).contains("deleted in iCloud");
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id) && e.revision() == 2);
        assertThat(user.phone().allEventBodies("work")).singleElement().asString().contains("SUMMARY:Back again");
    }

    @Test
    void whenThePrimaryCalendarChangesTheEventMoves() {
        User user = userWithPrimary("work", "home");
        String id = "moving-" + user.userId();
        KAFKA.publish(booked(user, id, "Moving"));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id));

        configure("acme", user.userId(), user.accountId(), "home", List.of());

        AppointmentSynced moved = KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id)
                && e.action() == SyncAction.MOVED);
        assertThat(moved.calendarId()).isEqualTo("home");
        assertThat(user.phone().listEvents("work")).isEmpty();
        assertThat(user.phone().allEventBodies("home")).singleElement().asString().contains("SUMMARY:Moving");
    }

    @Test
    void aBookRescheduleCancelBurstCollapsesToItsFinalState() {
        User user = userWithPrimary("work");
        String id = "burst-" + user.userId();
        ICLOUD.forAppleId(user.caldav().username()).outage(Duration.ofSeconds(1));

        KAFKA.publish(booked(user, id, "v1"));
        KAFKA.publish(rescheduled(user, id, 2, "v2"));
        KAFKA.publish(new AppointmentCancelled("acme", user.userId(), id, 3, "changed their mind"));
        // Apple comes back only once the worker acts on the whole burst: it reported the cancellation (nothing was
        // attempted, so nothing to remove) or tries to remove what an attempted create may have left. No claim of an
        // earlier revision is under way then, so none can land once Apple answers again
        Awaitility.await("the worker acting on the cancellation").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> KAFKA.events(AppointmentSyncSkipped.class).stream()
                        .anyMatch(e -> e.appointmentId().equals(id) && e.revision() == 3)
                        || ICLOUD.requestsOf(user.caldav().username()).stream().anyMatch(r -> r.method().equals("DELETE")
                                && r.path().endsWith(resource(id)) && r.status() == 503));
        ICLOUD.forAppleId(user.caldav().username()).endOutage();

        AppointmentSyncEvent outcome = KAFKA.await(AppointmentSyncEvent.class, e -> e.appointmentId().equals(id)
                && (e instanceof AppointmentSynced || e instanceof AppointmentSyncSkipped));
        List<ICloudProxy.Request> requests = ICLOUD.requestsOf(user.caldav().username()).stream()
                .filter(r -> r.path().endsWith(resource(id))).toList();
        if (requests.stream().anyMatch(r -> r.method().equals("PUT"))) {
            // a create was attempted (and refused), so the cancellation makes sure nothing of it is there: a DELETE, 404
            assertThat(outcome).isInstanceOfSatisfying(AppointmentSynced.class, synced -> {
                assertThat(synced.revision()).isEqualTo(3);
                assertThat(synced.action()).isEqualTo(SyncAction.DELETED);
            });
            assertThat(requests).allMatch(r -> r.status() == 503 || r.method().equals("DELETE") && r.status() == 404);
        } else {
            // the burst was whole before the first attempt: nothing to write, nothing to remove, no call
            assertThat(outcome).isInstanceOfSatisfying(AppointmentSyncSkipped.class, skipped -> {
                assertThat(skipped.revision()).isEqualTo(3);
                assertThat(skipped.reason()).isEqualTo(SkipReason.NOTHING_TO_REMOVE);
            });
            assertThat(requests).isEmpty();
        }
        assertThat(user.phone().listEvents("work")).isEmpty();
    }

    @Test
    void aCreateWhoseAnswerWasLostButThatLandedIsRemovedWhenTheAppointmentIsCancelled() {
        User user = userWithPrimary("work");
        String id = "lost-answer-" + user.userId();
        String appleId = user.caldav().username();
        // iCloud applies the create 5 s after it arrives; the worker gave up waiting after 3 s (a timeout, outcome
        // unknown) and does not know the event is there. Writes are applied in order (the removal after the create);
        // only they are slow, the polls of the calendar are not
        ICLOUD.forAppleId(appleId).latency(Duration.ofSeconds(5), "PUT", "DELETE");
        KAFKA.publish(booked(user, id, "Created, answer lost"));
        Awaitility.await("the create sent").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> jdbc.sql("SELECT count(*) FROM appointment WHERE appointment_id = ? AND lease_until IS NOT NULL"
                        + " AND unconfirmed_account_id IS NOT NULL").param(id).query(Long.class).single() == 1);
        // cancelled while the create is under way: the worker decides about the cancellation before the event lands
        KAFKA.publish(new AppointmentCancelled("acme", user.userId(), id, 2, "cancelled at once"));
        Awaitility.await("the create landed").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> ICLOUD.requestsOf(appleId).stream()
                        .anyMatch(r -> r.method().equals("PUT") && r.path().endsWith(resource(id)) && r.status() == 201));
        ICLOUD.forAppleId(appleId).latency(Duration.ZERO);

        AppointmentSynced outcome = KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id) && e.revision() == 2);
        assertThat(outcome.action()).isEqualTo(SyncAction.DELETED);
        Awaitility.await("the event that landed is removed").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> user.phone().listEvents("work").isEmpty());
    }

    @Test
    void aCancellationAfterItsAccountWasDisconnectedIsSkippedWithoutCallingApple() {
        User user = userWithPrimary("work");
        String id = "orphan-" + user.userId();
        KAFKA.publish(booked(user, id, "Written before the disconnect"));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id));
        assertThat(api().delete(usersPath("acme", user.userId()) + "/icloud-accounts/" + user.accountId()).status())
                .isEqualTo(204);
        // a poll of the calendar that was already running may still finish its requests: only writes count here
        long writesBefore = writesOf(user);

        KAFKA.publish(new AppointmentCancelled("acme", user.userId(), id, 2, "cancelled after the disconnect"));

        // (the disconnect itself left the user without a Primary Calendar: revision 1 is answered NO_PRIMARY_CALENDAR)
        AppointmentSyncSkipped outcome = KAFKA.await(AppointmentSyncSkipped.class,
                e -> e.appointmentId().equals(id) && e.revision() == 2);
        assertThat(outcome.reason()).isEqualTo(SkipReason.ACCOUNT_DISCONNECTED);
        assertThat(writesOf(user)).isEqualTo(writesBefore);
        assertThat(user.phone().listEvents("work")).hasSize(1);
    }

    private static long writesOf(User user) {
        return ICLOUD.requestsOf(user.caldav().username()).stream()
                .filter(r -> r.method().equals("PUT") || r.method().equals("DELETE")).count();
    }

    @Test
    void a401FromTheOldAccountWhileMovingPausesThatAccountNotTheNewPrimary() {
        User user = userWithPrimary("work");
        String id = "move401-" + user.userId();
        KAFKA.publish(booked(user, id, "Moves to another Apple ID"));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(id));
        CalDavUser other = RADICALE.newUser();
        CalDavPhone otherPhone = RADICALE.phoneOf(other);
        otherPhone.createCalendar("home", "home", "VEVENT");
        String newAccount = connect("acme", user.userId(), other).get("accountId").asString();

        // the old Apple ID's password is revoked, then the Primary Calendar moves to the new Apple ID
        ICLOUD.forAppleId(user.caldav().username()).revokePassword();
        configure("acme", user.userId(), newAccount, "home", List.of());

        KAFKA.await(AppointmentSyncFailed.class, e -> e.appointmentId().equals(id)
                && e.reason() == SyncFailureReason.NEEDS_REAUTH);
        String accounts = usersPath("acme", user.userId()) + "/icloud-accounts/";
        assertThat(api().get(accounts + user.accountId()).json().get("status").asString()).isEqualTo("NEEDS_REAUTH");
        assertThat(api().get(accounts + newAccount).json().get("status").asString()).isEqualTo("CONNECTED");
        assertThat(otherPhone.listEvents("home")).hasSize(1);
    }
}
