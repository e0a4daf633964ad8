package io.calsync.availability;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentRescheduled;
import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.CalendarSyncState;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.ReleaseReason;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotOrigin;
import io.calsync.contracts.SlotReleased;
import io.calsync.contracts.SlotSource;
import io.calsync.contracts.Topics;
import io.calsync.contracts.wire.EventCodec;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.OpenApiDocument;
import io.calsync.testsupport.SharedKafka;
import io.calsync.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class AvailabilityIntegrationTests extends AvailabilityIntegrationTest {

    private static final KafkaEvents KAFKA = new KafkaEvents(SharedKafka.bootstrapServers(),
            Topics.deadLetter(Topics.APPOINTMENTS), Topics.deadLetter(Topics.BLOCKED_SLOTS));
    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    private JsonNode busy(String user, Instant from, Instant to) {
        JsonHttp.Response response = api().get("/v1/tenants/acme/users/" + user + "/busy?explain=true&from=" + from + "&to=" + to);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private JsonNode awaitBusy(String user, int intervals) {
        return Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> busy(user, NINE.minusSeconds(86_400), NINE.plusSeconds(86_400)).get("busy"),
                        b -> b.size() == intervals);
    }

    private static SlotBlocked icloudSlot(String user, String slotId, Instant start, Instant end) {
        return new SlotBlocked("acme", user, slotId, SlotSource.ICLOUD,
                new SlotOrigin("acc-1", "family", CalendarRole.CONFLICT, "uid-" + slotId, null), start, end, false, "Busy");
    }

    @Test
    void appointmentsAndSlotsMergeIntoBusyTime_withTheirSources() {
        String user = "u-" + UUID.randomUUID();
        KAFKA.publish(new AppointmentBooked("acme", user, "a-" + user, 1, NINE, NINE.plusSeconds(1800), "UTC", "Appt", null, null));
        KAFKA.publish(icloudSlot(user, "s-" + user, NINE.plusSeconds(1800), NINE.plusSeconds(3600)));
        KAFKA.publish(new SlotBlocked("acme", user, "n-" + user, SlotSource.NATIVE, null, NINE.plusSeconds(7200),
                NINE.plusSeconds(9000), false, "Lunch"));

        JsonNode busy = awaitBusy(user, 2);

        assertThat(busy.get(0).get("start").asString()).isEqualTo("2026-12-01T09:00:00Z");
        assertThat(busy.get(0).get("end").asString()).isEqualTo("2026-12-01T10:00:00Z");
        assertThat(busy.get(0).get("sources")).extracting(s -> s.get("kind").asString()).containsExactly("APPOINTMENT", "ICLOUD");
        assertThat(busy.get(1).get("sources").get(0).get("kind").asString()).isEqualTo("NATIVE");
    }

    @Test
    void rescheduleMovesCancelFrees_andALateOlderRevisionChangesNothing() {
        String user = "u-" + UUID.randomUUID();
        String id = "a-" + user;
        KAFKA.publish(new AppointmentBooked("acme", user, id, 1, NINE, NINE.plusSeconds(1800), "UTC", "v1", null, null));
        KAFKA.publish(new AppointmentRescheduled("acme", user, id, 2, NINE.plusSeconds(3600), NINE.plusSeconds(5400), "UTC", "v2", null, null));
        KAFKA.publish(new AppointmentBooked("acme", user, id, 1, NINE, NINE.plusSeconds(1800), "UTC", "v1 again", null, null));
        KAFKA.publish(icloudSlot(user, "marker-" + user, NINE.plusSeconds(36_000), NINE.plusSeconds(37_000)));

        JsonNode busy = awaitBusy(user, 2);
        assertThat(busy.get(0).get("start").asString()).isEqualTo("2026-12-01T10:00:00Z");

        KAFKA.publish(new AppointmentCancelled("acme", user, id, 3, "no show"));
        assertThat(awaitBusy(user, 1).get(0).get("sources").get(0).get("id").asString()).isEqualTo("marker-" + user);
    }

    @Test
    void releasedSlotsAndTombstonesFreeTheTime_andReplayingGivesTheSameState() {
        String user = "u-" + UUID.randomUUID();
        SlotBlocked a = icloudSlot(user, "a-" + user, NINE, NINE.plusSeconds(600));
        SlotBlocked b = icloudSlot(user, "b-" + user, NINE.plusSeconds(3600), NINE.plusSeconds(4200));
        SlotBlocked c = icloudSlot(user, "c-" + user, NINE.plusSeconds(7200), NINE.plusSeconds(7800));
        KAFKA.publish(a);
        KAFKA.publish(b);
        KAFKA.publish(c);
        awaitBusy(user, 3);

        KAFKA.publish(new SlotReleased("acme", user, a.slotId(), ReleaseReason.EVENT_REMOVED));
        KAFKA.send(EventCodec.tombstone(Topics.BLOCKED_SLOTS, b.slotId()));
        JsonNode afterRelease = awaitBusy(user, 1);

        // the same events again, in the same order: nothing changes
        KAFKA.publish(a);
        KAFKA.publish(new SlotReleased("acme", user, a.slotId(), ReleaseReason.EVENT_REMOVED));
        KAFKA.publish(c);
        String marker = "m-" + user;
        KAFKA.publish(icloudSlot(user, marker, NINE.plusSeconds(20_000), NINE.plusSeconds(20_600)));
        JsonNode afterReplay = awaitBusy(user, 2);
        assertThat(afterReplay.get(0)).isEqualTo(afterRelease.get(0));
    }

    @Test
    void everyAnswerSaysHowFreshEachCalendarIs() {
        String user = "u-" + UUID.randomUUID();
        Instant synced = Instant.parse("2026-11-23T10:00:00Z");
        KAFKA.publish(new CalendarSyncStatusReported("acme", user, "acc-1", "work", CalendarRole.PRIMARY,
                CalendarSyncState.OK, synced, synced, null));

        JsonNode calendars = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> busy(user, NINE, NINE.plusSeconds(3600)).get("freshness").get("calendars"), c -> c.size() == 1);

        assertThat(calendars.get(0).get("calendarId").asString()).isEqualTo("work");
        assertThat(calendars.get(0).get("state").asString()).isEqualTo("OK");
        assertThat(calendars.get(0).get("lastSuccessAt").asString()).isEqualTo("2026-11-23T10:00:00Z");
    }

    @Test
    void poisonRecordsGoToTheDeadLetterTopicAndTheRecordsAfterThemAreProcessed() {
        String user = "u-" + UUID.randomUUID();
        // keys of this run: a replay of the topics by another consumer group dead-letters the same records again
        ProducerRecord<String, byte[]> notJson = new ProducerRecord<>(Topics.APPOINTMENTS, "poison-1-" + user,
                "{not json".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<String, byte[]> noHeaders = new ProducerRecord<>(Topics.BLOCKED_SLOTS, "poison-2-" + user,
                "{}".getBytes(StandardCharsets.UTF_8));
        KAFKA.send(notJson);
        KAFKA.send(noHeaders);
        KAFKA.publish(new AppointmentBooked("acme", user, "after-poison-" + user, 1, NINE, NINE.plusSeconds(60), "UTC", "ok", null, null));
        KAFKA.publish(icloudSlot(user, "after-poison-slot-" + user, NINE.plusSeconds(600), NINE.plusSeconds(660)));

        awaitBusy(user, 2);
        List<KafkaEvents.Received> dead = Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> KAFKA.received().stream().filter(r -> r.record().key() != null
                        && r.record().key().startsWith("poison-") && r.record().key().endsWith(user)).toList(),
                        l -> l.size() == 2);
        for (KafkaEvents.Received record : dead) {
            assertThat(record.record().topic()).endsWith(".dlt");
            assertThat(new String(record.record().headers().lastHeader("kafka_dlt-exception-message").value(),
                    StandardCharsets.UTF_8)).contains("invalid calsync event");
            assertThat(record.record().headers().lastHeader("kafka_dlt-original-topic")).isNotNull();
        }
    }

    @Test
    void busyTimeNeedsATokenOfTheSameTenant() {
        String query = "/v1/tenants/acme/users/x/busy?from=2026-12-01T00:00:00Z&to=2026-12-02T00:00:00Z";
        JsonHttp anonymous = new JsonHttp("http://127.0.0.1:" + port);

        assertThat(anonymous.get(query).status()).isEqualTo(401);
        assertThat(anonymous.with("Authorization", TestTokens.bearer(TestTokens.forTenant("globex"))).get(query).status())
                .isEqualTo(404);
        assertThat(anonymous.get("/actuator/health").status()).isEqualTo(200);
    }

    @Test
    void theServedOpenApiDocumentIsTheCommittedOne() {
        JsonHttp.Response served = api().get("/v3/api-docs");
        assertThat(served.status()).isEqualTo(200);

        JsonNode document = OpenApiDocument.check("availability-service", served.body());

        assertThat(document.get("paths").propertyNames()).contains("/v1/tenants/{tenantId}/users/{userId}/busy");
    }

    @Test
    void brokenQueriesGetClearErrors() {
        String base = "/v1/tenants/acme/users/x/busy";
        assertThat(api().get(base + "?from=yesterday&to=2026-12-01T00:00:00Z")).satisfies(r -> {
            assertThat(r.status()).isEqualTo(400);
            assertThat(r.json().get("detail").asString()).contains("'from'").contains("RFC 3339");
        });
        assertThat(api().get(base + "?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z").status()).isEqualTo(400);
        assertThat(api().get(base + "?from=2026-01-01T00:00:00Z&to=2028-01-01T00:00:00Z").json().get("detail").asString())
                .contains("366 days");
        assertThat(api().get(base + "?from=2026-12-01T00:00:00Z").status()).isEqualTo(400);
    }
}
