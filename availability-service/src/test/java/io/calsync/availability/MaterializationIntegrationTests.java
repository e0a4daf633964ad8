package io.calsync.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentRescheduled;
import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.CalendarSyncState;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.ReleaseReason;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotDigest;
import io.calsync.contracts.SlotOrigin;
import io.calsync.contracts.SlotReleased;
import io.calsync.contracts.SlotSource;
import io.calsync.contracts.Topics;
import io.calsync.contracts.wire.EventCodec;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.SharedKafka;
import io.calsync.testsupport.SharedPostgres;
import io.calsync.testsupport.TestDatabase;
import io.calsync.testsupport.TestTokens;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;

/** How the topics become tables: freshness never ahead of the slots, PostgreSQL outages, replay into a fresh database. */
class MaterializationIntegrationTests extends AvailabilityIntegrationTest {

    private static final KafkaEvents KAFKA = new KafkaEvents(SharedKafka.bootstrapServers(),
            Topics.deadLetter(Topics.APPOINTMENTS), Topics.deadLetter(Topics.BLOCKED_SLOTS),
            Topics.deadLetter(Topics.INTEGRATIONS));
    private static final List<String> TOPICS = List.of(Topics.APPOINTMENTS, Topics.BLOCKED_SLOTS, Topics.INTEGRATIONS);
    private static final Instant NINE = Instant.parse("2027-04-06T09:00:00Z");

    @Autowired
    MeterRegistry meters;

    private static SlotBlocked slot(String user, String account, String slotId, Instant start) {
        return new SlotBlocked("acme", user, slotId, SlotSource.ICLOUD,
                new SlotOrigin(account, "work", CalendarRole.PRIMARY, "uid-" + slotId, null), start,
                start.plusSeconds(1800), false, "Busy");
    }

    private static CalendarSyncStatusReported synced(String user, String account, Instant at, SlotDigest digest) {
        return new CalendarSyncStatusReported("acme", user, account, "work", CalendarRole.PRIMARY, CalendarSyncState.OK,
                at, at, null, digest == null ? null : digest.toString());
    }

    private double appointmentFailures() {
        return meters.counter("calsync.availability.ingest.transient.failures", "topic", Topics.APPOINTMENTS).count();
    }

    private JsonNode freshness(String user) {
        return api().get("/v1/tenants/acme/users/" + user + "/busy?from=" + NINE + "&to=" + NINE.plusSeconds(86_400))
                .json().get("freshness");
    }

    private JsonNode calendar(String user) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> freshness(user).get("calendars"),
                c -> c.size() == 1).get(0);
    }

    private void awaitSlots(String user, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> api().get("/v1/tenants/acme/users/" + user
                + "/blocked-slots?from=" + NINE + "&to=" + NINE.plusSeconds(86_400)).json().get("slots").size() == count);
    }

    private void awaitLastSuccess(String user, Instant at) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> at.toString().equals(
                calendar(user).path("lastSuccessAt").asString(null)));
    }

    @Test
    void aSyncIsReportedOnlyOnceItsSlotsAreHere_evenWhenItsStatusArrivesFirst() {
        String user = "u-" + UUID.randomUUID();
        String account = "acc-" + user;
        SlotBlocked first = slot(user, account, "s1-" + user, NINE);
        SlotBlocked second = slot(user, account, "s2-" + user, NINE.plusSeconds(3600));
        Instant t1 = Instant.parse("2026-11-30T10:00:00Z");

        KAFKA.publish(synced(user, account, t1, SlotDigest.of(List.of(first, second))));
        assertThat(calendar(user).has("lastSuccessAt")).as("no slot here yet").isFalse();
        KAFKA.publish(first);
        awaitSlots(user, 1);
        assertThat(calendar(user).has("lastSuccessAt")).as("one of two slots here").isFalse();
        KAFKA.publish(second);
        awaitLastSuccess(user, t1);

        // the next sync released a slot: reported once the release is here, the earlier sync quoted meanwhile
        Instant t2 = t1.plusSeconds(60);
        KAFKA.publish(synced(user, account, t2, SlotDigest.of(List.of(second))));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pendingOf(account) != null);
        assertThat(calendar(user).get("lastSuccessAt").asString()).isEqualTo(t1.toString());
        KAFKA.publish(new SlotReleased("acme", user, first.slotId(), ReleaseReason.EVENT_REMOVED));
        awaitLastSuccess(user, t2);

        // a producer that sends no digest is believed at once, as before
        Instant t3 = t2.plusSeconds(60);
        KAFKA.publish(synced(user, account, t3, null));
        awaitLastSuccess(user, t3);
    }

    /** The migration gives rows stored before digests their share with a SQL function: it must agree with Java's. */
    @Test
    void theDatabaseComputesASlotsDigestShareAsJavaDoes() throws SQLException {
        try (Connection db = connect(DATABASE); var hash = db.prepareStatement("SELECT calsync_slot_hash(?, ?, ?)")) {
            for (String start : List.of("2026-12-01T09:00:00Z", "2026-12-01T09:00:00.120Z", "2026-12-01T09:00:00.000123Z",
                    "1999-12-31T23:59:59.5Z", "2026-03-29T01:30:00Z")) {
                Instant from = Instant.parse(start);
                hash.setString(1, "slot-\u00fc/1");
                hash.setObject(2, java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC));
                hash.setObject(3, java.time.OffsetDateTime.ofInstant(from.plusSeconds(5400), java.time.ZoneOffset.UTC));
                try (ResultSet rs = hash.executeQuery()) {
                    rs.next();
                    assertThat(rs.getLong(1)).as(start).isEqualTo(SlotDigest.hash("slot-\u00fc/1", from, from.plusSeconds(5400)));
                }
            }
            try (ResultSet rs = db.createStatement().executeQuery("SELECT count(*), count(*) FILTER (WHERE digest_hash "
                    + "<> calsync_slot_hash(slot_id, start_at, end_at)) FROM blocked_slot")) {
                rs.next();
                assertThat(rs.getLong(2)).as("of " + rs.getLong(1) + " ingested slots").isZero();
            }
        }
    }

    private static Instant pendingOf(String account) {
        try (Connection db = connect(DATABASE);
                var query = db.prepareStatement("SELECT pending_success_at FROM calendar_status WHERE account_id = ?")) {
            query.setString(1, account);
            try (ResultSet rs = query.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null ? rs.getTimestamp(1).toInstant() : null;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void whilePostgresIsUnreachableRecordsWait_andLandWhenItIsBack_noneDeadLettered() {
        String user = "u-" + UUID.randomUUID();
        String busy = "/v1/tenants/acme/users/" + user + "/busy?from=" + NINE + "&to=" + NINE.plusSeconds(86_400);
        double failedBefore = appointmentFailures();
        DATABASE_PROXY.cut();
        try {
            KAFKA.publish(new AppointmentBooked("acme", user, "a-" + user, 1, NINE, NINE.plusSeconds(1800), "UTC", "Call", null, null));
            KAFKA.publish(slot(user, "acc-" + user, "s-" + user, NINE.plusSeconds(7200)));
            // the batch fails again and again, more often than a bounded retry would allow before dead-lettering it
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(
                    () -> appointmentFailures() >= failedBefore + 5);
            // and the API says it cannot answer rather than answering wrong
            assertThat(api().get(busy).status()).isEqualTo(503);
        } finally {
            DATABASE_PROXY.restore();
        }

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
            var answer = api().get(busy);
            return answer.status() == 200 && answer.json().get("busy").size() == 2;
        });
        assertThat(KAFKA.received()).noneMatch(r -> r.record().key() != null && r.record().key().contains(user));
    }

    @Test
    void replayingEveryTopicFromTheStartIntoAFreshDatabaseGivesTheLiveState() throws Exception {
        String user = "u-" + UUID.randomUUID();
        String account = "acc-" + user;
        String gone = "gone-" + user;
        SlotBlocked kept = slot(user, account, "k-" + user, NINE);
        SlotBlocked released = slot(user, account, "r-" + user, NINE.plusSeconds(3600));
        SlotBlocked tombstoned = slot(user, account, "t-" + user, NINE.plusSeconds(7200));
        KAFKA.publish(synced(user, account, Instant.parse("2026-11-30T10:00:00Z"), SlotDigest.of(List.of(kept))));
        KAFKA.publishAll(List.of(kept, released, tombstoned,
                new SlotBlocked("acme", user, "n-" + user, SlotSource.NATIVE, null, NINE.minusSeconds(86_400),
                        NINE, "Leave", LocalDate.parse("2027-04-05"), LocalDate.parse("2027-04-06")),
                new AppointmentBooked("acme", user, "a-" + user, 1, NINE, NINE.plusSeconds(600), "UTC", "v1", null, null),
                new AppointmentRescheduled("acme", user, "a-" + user, 3, NINE.plusSeconds(900), NINE.plusSeconds(1500), "UTC", "v3", null, null),
                new AppointmentRescheduled("acme", user, "a-" + user, 2, NINE, NINE.plusSeconds(60), "UTC", "v2 late", null, null),
                new AppointmentBooked("acme", user, "c-" + user, 1, NINE, NINE.plusSeconds(600), "UTC", "cancelled", null, null),
                new AppointmentCancelled("acme", user, "c-" + user, 2, "no longer"),
                new SlotReleased("acme", user, released.slotId(), ReleaseReason.EVENT_REMOVED),
                new IntegrationStatusChanged("acme", user, gone, AccountStatus.DISCONNECTED, "by the user",
                        Instant.parse("2026-11-30T11:00:00Z"))));
        KAFKA.send(EventCodec.tombstone(Topics.BLOCKED_SLOTS, tombstoned.slotId()));
        awaitSlots(user, 1);

        TestDatabase fresh = SharedPostgres.freshDatabase("availability_replay");
        String group = "replay-" + UUID.randomUUID();
        try (ConfigurableApplicationContext replay = AvailabilityApplication.application().run(
                "--server.port=0", "--spring.kafka.bootstrap-servers=" + SharedKafka.bootstrapServers(),
                "--spring.kafka.consumer.group-id=" + group, "--spring.datasource.url=" + fresh.jdbcUrl(),
                "--spring.datasource.username=" + fresh.user(), "--spring.datasource.password=" + fresh.password(),
                "--spring.security.oauth2.resourceserver.jwt.public-key-location=" + TestTokens.publicKeyLocation(),
                "--logging.level.root=WARN")) {
            Awaitility.await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250))
                    .until(() -> caughtUp("calsync-availability") && caughtUp(group));

            for (String table : List.of("appointment", "blocked_slot", "calendar_status", "account_status")) {
                assertThat(rows(fresh, table)).as(table).isEqualTo(rows(DATABASE, table)).isNotEmpty();
            }
        }
    }

    /** Whether the group has committed the end of every partition of the consumed topics. */
    private static boolean caughtUp(String group) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = admin.describeTopics(TOPICS).allTopicNames().get().values().stream()
                    .flatMap(t -> t.partitions().stream().map(p -> new TopicPartition(t.name(), p.partition())))
                    .collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()));
            var ends = admin.listOffsets(latest).all().get();
            return ends.entrySet().stream().allMatch(e -> e.getValue().offset() == 0
                    || (committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue().offset()));
        }
    }

    private static List<String> rows(TestDatabase database, String table) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection db = connect(database);
                ResultSet rs = db.createStatement().executeQuery("SELECT t::text FROM " + table + " t ORDER BY 1")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private static Connection connect(TestDatabase database) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(), database.user(), database.password());
    }
}
