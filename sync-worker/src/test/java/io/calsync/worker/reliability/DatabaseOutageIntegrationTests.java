package io.calsync.worker.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.Topics;
import io.calsync.testsupport.KafkaEvents;
import io.calsync.testsupport.TcpProxy;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Transient is not poison: PostgreSQL away for a minute while appointments stream in dead-letters none of them; the
 * partition waits, and everything is pushed once the database is back. The worker reaches PostgreSQL through a TCP
 * relay that the test cuts (every connection dropped, new ones refused, as during a restart) and restores.
 */
class DatabaseOutageIntegrationTests {

    private static final Instant TOMORROW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    private static ReliabilityEnvironment env;
    private static TcpProxy database;

    @BeforeAll
    static void start() {
        env = new ReliabilityEnvironment();
        URI direct = URI.create(env.database.jdbcUrl().substring("jdbc:".length()));
        database = new TcpProxy(direct.getHost(), direct.getPort());
    }

    @AfterAll
    static void stop() {
        database.close();
        env.close();
    }

    @Test
    void postgresqlAwayForAMinuteWhile500RecordsStreamIn_noneIsDeadLettered_allArePushedAfterwards() throws Exception {
        URI direct = URI.create(env.database.jdbcUrl().substring("jdbc:".length()));
        String relayed = "jdbc:postgresql://127.0.0.1:" + database.port() + direct.getRawPath()
                + (direct.getRawQuery() == null ? "" : "?" + direct.getRawQuery());
        WorkerProcess worker = env.worker("outage-worker", Map.of("spring.datasource.url", relayed,
                "spring.datasource.hikari.connection-timeout", "2000")).start();
        List<ReliabilityEnvironment.User> users = env.users(worker, 5);
        Map<String, Long> desired = new HashMap<>();
        try (KafkaEvents deadLetters = new KafkaEvents(env.kafka.bootstrapServers(), Topics.deadLetter(Topics.APPOINTMENTS))) {
            for (int i = 0; i < 500; i++) {
                if (i == 100) {
                    database.cut();
                }
                ReliabilityEnvironment.User user = users.get(i % users.size());
                String id = "outage-" + i + "-" + user.userId();
                Instant start = TOMORROW.plus(i * 30L, ChronoUnit.MINUTES);
                env.events.publish(new AppointmentBooked("acme", user.userId(), id, 1, start, start.plus(30, ChronoUnit.MINUTES),
                        "Europe/Berlin", "Booking " + i, null, null));
                desired.put(id, 1L);
            }
            Instant cut = Instant.now();
            Awaitility.await("a minute without PostgreSQL").atMost(Duration.ofSeconds(70)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> Duration.between(cut, Instant.now()).getSeconds() >= 60);
            database.restore();

            Awaitility.await("all pushed after the outage").atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> synced().containsAll(desired.keySet()));
            assertThat(deadLetters.received()).as("records dead-lettered").isEmpty();
        }
        assertThat(CalendarAudit.of(users, desired)).isEqualTo(new CalendarAudit(500, 0, 0, 0));
        worker.close();
    }

    private static Set<String> synced() {
        return env.events.events(AppointmentSynced.class).stream().map(AppointmentSynced::appointmentId)
                .collect(Collectors.toSet());
    }
}
