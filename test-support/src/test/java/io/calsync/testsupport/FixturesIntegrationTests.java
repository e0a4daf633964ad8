package io.calsync.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/** The fixtures start real components: each one is used the way calsync's tests use it. */
class FixturesIntegrationTests {

    private static final String EVENT = """
            BEGIN:VCALENDAR
            VERSION:2.0
            PRODID:-//phone//EN
            BEGIN:VEVENT
            UID:fixture-1
            DTSTAMP:20261101T000000Z
            DTSTART:20261201T090000Z
            DTEND:20261201T100000Z
            SUMMARY:Dentist
            END:VEVENT
            END:VCALENDAR
            """.replace("\n", "\r\n");

    @Test
    void radicaleStoresEventsOfAGeneratedUser() {
        CalDavPhone phone = Radicale.shared().phoneOf(Radicale.shared().newUser());
        phone.createCalendar("work", "Work", "VEVENT");

        String etag = phone.putEvent("work", "dentist.ics", EVENT);

        assertThat(etag).isNotBlank();
        assertThat(phone.listEvents("work")).containsExactly(phone.calendarPath("work") + "dentist.ics");
        assertThat(phone.getEvent("work", "dentist.ics")).get().asString().contains("SUMMARY:Dentist");
        phone.deleteEvent("work", "dentist.ics");
        assertThat(phone.listEvents("work")).isEmpty();
    }

    @Test
    void anotherUsersPasswordDoesNotOpenTheCalendar() {
        Radicale radicale = Radicale.shared();
        CalDavUser owner = radicale.newUser();
        radicale.phoneOf(owner).createCalendar("private", "Private", "VEVENT");
        CalDavUser intruder = new CalDavUser(owner.username(), "wrong-password");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> radicale.phoneOf(intruder).listEvents("private"))
                .hasMessageContaining("401");
    }

    @Test
    void postgresGivesAFreshEmptyDatabase() throws Exception {
        TestDatabase db = SharedPostgres.freshDatabase("fixture");
        try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                ResultSet rs = c.createStatement().executeQuery(
                        "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'")) {
            rs.next();
            assertThat(rs.getInt(1)).isZero();
        }
    }

    @Test
    void kafkaProcessSurvivesKillMinusNine() throws Exception {
        try (KafkaProcess kafka = new KafkaProcess().start()) {
            createTopic(kafka.bootstrapServers(), "survivor");
            kafka.kill();
            assertThat(kafka.isAlive()).isFalse();

            kafka.start();

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                assertThat(admin.listTopics().names().get()).contains("survivor");
            }
        }
    }

    @Test
    void sharedKafkaAnswersAdminRequests() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, SharedKafka.bootstrapServers()))) {
            assertThat(admin.describeCluster().nodes().get(30, java.util.concurrent.TimeUnit.SECONDS)).hasSize(1);
        }
    }

    private static void createTopic(String bootstrap, String name) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(30).toMillis()))) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(name, 1, (short) 1))).all().get();
        }
    }
}
