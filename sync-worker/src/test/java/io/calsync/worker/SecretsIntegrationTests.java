package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.calsync.contracts.AccountStatus;
import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentSyncFailed;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.SyncFailureReason;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.KafkaEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * App-specific passwords never leave calsync: not in logs, API responses, exception messages, events or the
 * database. Every flow that touches a password runs here while everything calsync emits is captured.
 */
class SecretsIntegrationTests extends WorkerIntegrationTest {

    @Autowired
    JdbcClient jdbc;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final List<String> responses = new ArrayList<>();
    private Logger root;
    private Level calsyncLevel;

    @BeforeEach
    void captureEveryLogLine() {
        root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger calsync = (Logger) LoggerFactory.getLogger("io.calsync");
        calsyncLevel = calsync.getLevel();
        calsync.setLevel(Level.DEBUG);
        // the HTTP client too, as an operator chasing a problem would set it; its wire and header loggers stay off
        ((Logger) LoggerFactory.getLogger("org.apache.http")).setLevel(Level.DEBUG);
        logs.start();
        root.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        root.detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("io.calsync")).setLevel(calsyncLevel);
        ((Logger) LoggerFactory.getLogger("org.apache.http")).setLevel(null);
    }

    private JsonHttp.Response record(JsonHttp.Response response) {
        responses.add(response.headers().map() + " " + response.body());
        return response;
    }

    @Test
    void noPasswordAppearsInLogsResponsesEventsOrTheDatabase() {
        CalDavUser caldav = RADICALE.newUser();
        RADICALE.phoneOf(caldav).createCalendar("work", "Work", "VEVENT");
        String userId = "u-" + UUID.randomUUID();
        String accounts = usersPath("acme", userId) + "/icloud-accounts";
        String wrongPassword = "zzzz-yyyy-xxxx-wwww";
        List<String> secrets = new ArrayList<>(List.of(caldav.password(), wrongPassword));

        record(api().post(accounts, Map.of("appleId", caldav.username(), "appSpecificPassword", wrongPassword)));
        JsonHttp.Response connected = record(api().post(accounts,
                Map.of("appleId", caldav.username(), "appSpecificPassword", caldav.password())));
        String accountId = connected.json().get("accountId").asString();
        record(configure("acme", userId, accountId, "work", List.of()));
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
        String first = "appt-" + UUID.randomUUID();
        KAFKA.publish(new AppointmentBooked("acme", userId, first, 1, start, start.plusSeconds(900), "UTC", "One", null, null));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(first));

        // the password is revoked in iCloud while calsync pushes and polls
        ICLOUD.forAppleId(caldav.username()).revokePassword();
        String second = "appt-" + UUID.randomUUID();
        KAFKA.publish(new AppointmentBooked("acme", userId, second, 1, start, start.plusSeconds(900), "UTC", "Two", null, null));
        KAFKA.await(AppointmentSyncFailed.class, e -> e.appointmentId().equals(second) && e.reason() == SyncFailureReason.NEEDS_REAUTH);
        KAFKA.await(IntegrationStatusChanged.class, e -> e.accountId().equals(accountId) && e.status() == AccountStatus.NEEDS_REAUTH);
        ICLOUD.forAppleId(caldav.username()).restorePassword();

        CalDavUser changed = RADICALE.changePassword(caldav);
        secrets.add(changed.password());
        record(api().put(accounts + "/" + accountId + "/credentials", Map.of("appSpecificPassword", wrongPassword)));
        record(api().put(accounts + "/" + accountId + "/credentials", Map.of("appSpecificPassword", changed.password())));
        record(api().get(accounts));
        record(api().get(accounts + "/" + accountId));
        record(api().delete(accounts + "/" + accountId));

        List<String> forbidden = new ArrayList<>();
        for (String secret : secrets) {
            forbidden.add(secret);
            forbidden.add(Base64.getEncoder().encodeToString((caldav.username() + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        }
        List<ILoggingEvent> captured;
        synchronized (logs) { // background threads go on logging: copy under the appender's own lock
            captured = new ArrayList<>(logs.list);
        }
        assertThat(captured).as("captured log lines").hasSizeGreaterThan(20);
        assertThat(captured).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(m -> m.contains("Connected iCloud account")).anyMatch(m -> m.contains("rejected the password"));
        for (ILoggingEvent event : captured) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : ThrowableProxyUtil.asString(event.getThrowableProxy()));
            forbidden.forEach(secret -> assertThat(line).as("log line").doesNotContain(secret));
        }
        responses.forEach(response -> forbidden.forEach(secret -> assertThat(response).doesNotContain(secret)));
        for (KafkaEvents.Received received : KAFKA.received()) {
            StringBuilder record = new StringBuilder(received.record().value() == null ? ""
                    : new String(received.record().value(), StandardCharsets.UTF_8));
            received.record().headers().forEach(h -> record.append(new String(h.value(), StandardCharsets.UTF_8)));
            forbidden.forEach(secret -> assertThat(record.toString()).as("Kafka record").doesNotContain(secret));
        }
        for (String table : jdbc.sql("SELECT tablename FROM pg_tables WHERE schemaname = 'public'").query(String.class).list()) {
            String dump = String.join("\n", jdbc.sql("SELECT t::text FROM " + table + " t").query(String.class).list());
            forbidden.forEach(secret -> assertThat(dump).as("table " + table).doesNotContain(secret));
        }
    }

    @Test
    void theStoredSecretIsCiphertextNotThePassword() {
        CalDavUser caldav = RADICALE.newUser();
        String accountId = connect("acme", "u-" + UUID.randomUUID(), caldav).get("accountId").asString();

        byte[] stored = jdbc.sql("SELECT secret FROM icloud_account WHERE account_id = ?::uuid").param(accountId)
                .query(byte[].class).single();

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain(caldav.password());
        assertThat(stored.length).isEqualTo(12 + caldav.password().length() + 16); // nonce + ciphertext + GCM tag
    }
}
