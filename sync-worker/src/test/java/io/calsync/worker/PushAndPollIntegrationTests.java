package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentRescheduled;
import io.calsync.contracts.AppointmentSyncSkipped;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.SkipReason;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import io.calsync.contracts.SlotSource;
import io.calsync.contracts.SyncAction;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class PushAndPollIntegrationTests extends WorkerIntegrationTest {

    private static final Instant TOMORROW_NINE = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS)
            .plus(9, ChronoUnit.HOURS);

    private record User(String tenant, String userId, CalDavUser caldav, CalDavPhone phone, String accountId) {
    }

    private User connectedUserWithCalendars(String... calendars) {
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        for (String calendar : calendars) {
            phone.createCalendar(calendar, calendar.toUpperCase(), "VEVENT");
        }
        String userId = "user-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        return new User("acme", userId, caldav, phone, accountId);
    }

    /** Polls of a calendar so far: each starts with one sync-collection REPORT on the collection. */
    private static long pollsOf(User user, String calendarId) {
        return ICLOUD.requests().stream()
                .filter(r -> r.method().equals("REPORT") && r.status() == 207
                        && r.appleId().equals(user.caldav().username())
                        && r.path().endsWith("/" + calendarId + "/"))
                .count();
    }

    private static String ics(String uid, Instant start, Instant end, String summary) {
        return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//phone//EN\nBEGIN:VEVENT\nUID:" + uid
                + "\nDTSTAMP:20261101T000000Z\nDTSTART:" + basic(start) + "\nDTEND:" + basic(end)
                + "\nSUMMARY:" + summary + "\nEND:VEVENT\nEND:VCALENDAR\n").replace("\n", "\r\n");
    }

    private static String basic(Instant instant) {
        return instant.toString().replace("-", "").replace(":", "").replace(".000", "");
    }

    @Test
    void bookRescheduleCancel_reachThePrimaryCalendarAndAreReported() {
        User user = connectedUserWithCalendars("work");
        assertThat(configure(user.tenant(), user.userId(), user.accountId(), "work", List.of()).status()).isEqualTo(200);
        String appointmentId = "appt-" + UUID.randomUUID();

        KAFKA.publish(new AppointmentBooked(user.tenant(), user.userId(), appointmentId, 1, TOMORROW_NINE,
                TOMORROW_NINE.plus(30, ChronoUnit.MINUTES), "Europe/Berlin", "Consultation", null, null));
        AppointmentSynced created = KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId));
        assertThat(created.action()).isEqualTo(SyncAction.CREATED);
        assertThat(user.phone().allEventBodies("work")).singleElement().asString()
                .contains("SUMMARY:Consultation").contains("X-CALSYNC-APPOINTMENT-ID:" + appointmentId);

        KAFKA.publish(new AppointmentRescheduled(user.tenant(), user.userId(), appointmentId, 2,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), TOMORROW_NINE.plus(2, ChronoUnit.HOURS), "Europe/Berlin",
                "Consultation (moved)", "bring documents", "Office 3"));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId) && e.revision() == 2);
        assertThat(user.phone().allEventBodies("work")).singleElement().asString()
                .contains("SUMMARY:Consultation (moved)").contains("LOCATION:Office 3").contains("SEQUENCE:2");

        KAFKA.publish(new AppointmentCancelled(user.tenant(), user.userId(), appointmentId, 3, null));
        AppointmentSynced deleted = KAFKA.await(AppointmentSynced.class,
                e -> e.appointmentId().equals(appointmentId) && e.revision() == 3);
        assertThat(deleted.action()).isEqualTo(SyncAction.DELETED);
        assertThat(user.phone().listEvents("work")).isEmpty();
    }

    @Test
    void anEventWhoseCreateLandsAfterTheCancellationIsRemovedOnceAPollFindsIt() {
        User user = connectedUserWithCalendars("work");
        configure(user.tenant(), user.userId(), user.accountId(), "work", List.of());
        String appointmentId = "appt-" + UUID.randomUUID();
        KAFKA.publish(new AppointmentBooked(user.tenant(), user.userId(), appointmentId, 1, TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "UTC", "Booked, then cancelled", null, null));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId));
        String path = user.phone().listEvents("work").get(0);
        String event = user.phone().getByPath(path).orElseThrow();
        KAFKA.publish(new AppointmentCancelled(user.tenant(), user.userId(), appointmentId, 2, null));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId) && e.revision() == 2);
        assertThat(user.phone().listEvents("work")).isEmpty();
        long polls = pollsOf(user, "work"); // polls that saw the event go: a late create is new to the poller
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> pollsOf(user, "work") >= polls + 2);

        // what a create that iCloud held past the cancellation's DELETE leaves: calsync's event, where calsync puts it
        String resource = path.substring(path.lastIndexOf('/') + 1);
        user.phone().putEvent("work", resource, event);

        Awaitility.await("the late event removed").atMost(Duration.ofSeconds(30))
                .until(() -> user.phone().listEvents("work").isEmpty());
        Awaitility.await("the cancellation reported again").atMost(Duration.ofSeconds(10))
                .until(() -> syncedIds(appointmentId, 2).size() >= 2);
        List<String> cancellationIds = syncedIds(appointmentId, 2);
        assertThat(cancellationIds).as("the cancellation reported again, under its own CloudEvents id").hasSize(2)
                .containsOnly(cancellationIds.get(0));
        assertThat(KAFKA.events(SlotBlocked.class)).noneMatch(e -> e.userId().equals(user.userId()));
    }

    /** The CloudEvents ids of every {@code appointment.synced} of the appointment's revision. */
    private static List<String> syncedIds(String appointmentId, long revision) {
        return KAFKA.received().stream()
                .filter(r -> r.event() instanceof AppointmentSynced s && s.appointmentId().equals(appointmentId)
                        && s.revision() == revision)
                .map(r -> new String(r.record().headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8))
                .toList();
    }

    /** An appointment id whose records land on the same partition of calsync.appointments as {@code key}'s. */
    private static String samePartitionAs(String key) {
        int partitions = 3; // calsync.kafka.partitions in the tests
        int wanted = partitionOf(key, partitions);
        while (true) {
            String candidate = "appt-" + UUID.randomUUID();
            if (partitionOf(candidate, partitions) == wanted) {
                return candidate;
            }
        }
    }

    /** Kafka's default partitioner for a keyed record. */
    private static int partitionOf(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(org.apache.kafka.common.utils.Utils.murmur2(
                key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    @Test
    void anOlderRevisionArrivingLateChangesNothing() {
        User user = connectedUserWithCalendars("work");
        configure(user.tenant(), user.userId(), user.accountId(), "work", List.of());
        String appointmentId = "appt-" + UUID.randomUUID();

        KAFKA.publish(new AppointmentRescheduled(user.tenant(), user.userId(), appointmentId, 5, TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "UTC", "Latest", null, null));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId) && e.revision() == 5);
        KAFKA.publish(new AppointmentBooked(user.tenant(), user.userId(), appointmentId, 1, TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "UTC", "Stale", null, null));
        // a marker on the stale record's partition: records of a partition are consumed in order, so once the marker
        // is synced, the stale record has been consumed (and changed nothing)
        String marker = samePartitionAs(appointmentId);
        KAFKA.publish(new AppointmentBooked(user.tenant(), user.userId(), marker, 1, TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "UTC", "Marker", null, null));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(marker));

        assertThat(KAFKA.events(AppointmentSynced.class)).filteredOn(e -> e.appointmentId().equals(appointmentId))
                .extracting(AppointmentSynced::revision).containsOnly(5L);
        assertThat(String.join("", user.phone().allEventBodies("work"))).contains("SUMMARY:Latest").doesNotContain("Stale");
    }

    @Test
    void withoutAPrimaryCalendarTheAppointmentIsSkippedThenPushedOnceOneIsChosen() {
        User user = connectedUserWithCalendars("work");
        String appointmentId = "appt-" + UUID.randomUUID();

        KAFKA.publish(new AppointmentBooked(user.tenant(), user.userId(), appointmentId, 1, TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "UTC", "Early booking", null, null));
        AppointmentSyncSkipped skipped = KAFKA.await(AppointmentSyncSkipped.class, e -> e.appointmentId().equals(appointmentId));
        assertThat(skipped.reason()).isEqualTo(SkipReason.NO_PRIMARY_CALENDAR);

        configure(user.tenant(), user.userId(), user.accountId(), "work", List.of());

        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId));
        assertThat(user.phone().allEventBodies("work")).singleElement().asString().contains("Early booking");
    }

    @Test
    void eventsOfPrimaryAndConflictCalendarsBecomeBlockedSlots_butOurOwnAppointmentsDoNot() {
        User user = connectedUserWithCalendars("work", "family");
        configure(user.tenant(), user.userId(), user.accountId(), "work", List.of("family"));
        String appointmentId = "appt-" + UUID.randomUUID();
        KAFKA.publish(new AppointmentBooked(user.tenant(), user.userId(), appointmentId, 1, TOMORROW_NINE,
                TOMORROW_NINE.plus(1, ChronoUnit.HOURS), "UTC", "Our appointment", null, null));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId));

        user.phone().putEvent("work", "dentist.ics", ics("dentist-" + user.userId(), TOMORROW_NINE.plus(3, ChronoUnit.HOURS),
                TOMORROW_NINE.plus(4, ChronoUnit.HOURS), "Dentist"));
        user.phone().putEvent("family", "school.ics", ics("school-" + user.userId(), TOMORROW_NINE.plus(6, ChronoUnit.HOURS),
                TOMORROW_NINE.plus(7, ChronoUnit.HOURS), "School play"));

        SlotBlocked dentist = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(user.userId()) && "Dentist".equals(e.title()));
        SlotBlocked school = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(user.userId()) && "School play".equals(e.title()));
        assertThat(dentist.source()).isEqualTo(SlotSource.ICLOUD);
        assertThat(dentist.origin().role()).isEqualTo(CalendarRole.PRIMARY);
        assertThat(school.origin().role()).isEqualTo(CalendarRole.CONFLICT);
        assertThat(dentist.start()).isEqualTo(TOMORROW_NINE.plus(3, ChronoUnit.HOURS));

        // two more polls of the Primary Calendar later: still only the phone's events, never our own appointment
        long pollsSoFar = pollsOf(user, "work");
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> pollsOf(user, "work") >= pollsSoFar + 2);
        assertThat(KAFKA.events(SlotBlocked.class)).filteredOn(e -> e.userId().equals(user.userId()))
                .extracting(SlotBlocked::title).containsOnly("Dentist", "School play");

        user.phone().deleteEvent("work", "dentist.ics");
        KAFKA.await(SlotReleased.class, e -> e.slotId().equals(dentist.slotId()));

        configure(user.tenant(), user.userId(), user.accountId(), "work", List.of());
        KAFKA.await(SlotReleased.class, e -> e.slotId().equals(school.slotId()));
    }
}
