package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.JsonHttp;
import io.calsync.testsupport.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The operations files in the repository mean what they say: every metric the Grafana dashboard queries is one the
 * sync-worker really exposes at /actuator/prometheus (after a push and a poll), and the Prometheus configuration
 * scrapes the services docker-compose.yml runs, at their ports, on that path, with a bearer token.
 */
class OperationsDashboardIntegrationTests extends WorkerIntegrationTest {

    private static final Path DEPLOY = Path.of("").toAbsolutePath().getParent().resolve("deploy");
    private static final Pattern METRIC = Pattern.compile("\\b((?:calsync|resilience4j|kafka|jvm|process|http)_[a-z0-9_]+)");
    private static final Instant TOMORROW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);

    @Test
    void everyMetricTheDashboardQueriesIsExposed() throws IOException {
        CalDavUser caldav = RADICALE.newUser();
        RADICALE.phoneOf(caldav).createCalendar("work", "Work", "VEVENT");
        String userId = "u-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        configure("acme", userId, accountId, "work", List.of());
        String appointmentId = "dash-" + UUID.randomUUID();
        KAFKA.publish(new AppointmentBooked("acme", userId, appointmentId, 1, TOMORROW, TOMORROW.plusSeconds(1800),
                "UTC", "Consultation", null, null));
        KAFKA.await(AppointmentSynced.class, e -> e.appointmentId().equals(appointmentId));

        Set<String> queried = queriedMetrics();
        assertThat(queried).as("metrics the dashboard queries").hasSizeGreaterThan(10);
        String scrape = Awaitility.await("every queried metric exposed").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1)).until(this::scrape, text -> missing(queried, text).isEmpty());

        assertThat(missing(queried, scrape)).isEmpty();
        assertThat(scrape).contains("calsync_accounts{status=\"CONNECTED\"}", "calsync_push_outcomes_total{outcome=\"written\"}",
                "calsync_poll_outcomes_total{outcome=\"ok\"}", "calsync_apple_requests_total{method=\"PUT\",status=\"201\"}");
    }

    /** Ready means: started (migrations ran), PostgreSQL answers, every Kafka consumer joined its group. */
    @Test
    void readinessCountsTheConsumersThatJoinedTheirGroups() {
        JsonHttp.Response readiness = with(TestTokens.operator()).get("/actuator/health/readiness");

        assertThat(readiness.status()).as(readiness.body()).isEqualTo(200);
        JsonNode consumers = readiness.json().path("components").path("consumersJoined");
        assertThat(consumers.path("status").asString()).as(readiness.body()).isEqualTo("UP");
        assertThat(consumers.path("details").path("joined").asInt()).isEqualTo(consumers.path("details")
                .path("consumers").asInt()).isPositive();
        assertThat(readiness.json().path("components").has("db")).isTrue();
    }

    @Test
    void prometheusScrapesTheComposedServicesOnTheirPortsWithAToken() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(Files.readString(DEPLOY.resolve("prometheus/prometheus.yml")));
        Map<String, Object> compose = new Yaml().load(Files.readString(DEPLOY.getParent().resolve("docker-compose.yml")));
        @SuppressWarnings("unchecked")
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) prometheus.get("scrape_configs");

        assertThat(jobs).hasSize(2);
        for (Map<String, Object> job : jobs) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            assertThat(job.get("authorization").toString()).contains("Bearer", "credentials_file");
            @SuppressWarnings("unchecked")
            List<Map<String, List<String>>> targets = (List<Map<String, List<String>>>) job.get("static_configs");
            for (String target : targets.get(0).get("targets")) {
                String[] hostPort = target.split(":");
                assertThat(services).as("a composed service named " + hostPort[0]).containsKey(hostPort[0]);
                assertThat(services.get(hostPort[0]).get("ports").toString()).contains(hostPort[1] + ":" + hostPort[1]);
            }
        }
        assertThat(services.get("prometheus").get("volumes").toString())
                .contains("./deploy/prometheus/prometheus.yml:/etc/prometheus/prometheus.yml",
                        "/etc/prometheus/operator-token");
        assertThat(services.get("grafana").get("volumes").toString())
                .contains("./deploy/grafana/provisioning:/etc/grafana/provisioning",
                        "./deploy/grafana/dashboards:/var/lib/grafana/dashboards");
        Map<String, Object> datasources = new Yaml().load(Files.readString(
                DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml")));
        assertThat(datasources.toString()).contains("uid=" + dashboard().path("panels").get(0).path("datasource")
                .path("uid").asString(), "url=http://prometheus:9090");
    }

    private String scrape() {
        JsonHttp.Response response = with(TestTokens.operator()).get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private JsonHttp with(String token) {
        return anonymousApi().with("Authorization", TestTokens.bearer(token));
    }

    private static JsonNode dashboard() throws IOException {
        return JsonMapper.builder().build().readTree(Files.readString(DEPLOY.resolve("grafana/dashboards/calsync.json")));
    }

    private static Set<String> queriedMetrics() throws IOException {
        Set<String> metrics = new TreeSet<>();
        for (JsonNode panel : dashboard().path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                Matcher metric = METRIC.matcher(target.path("expr").asString());
                while (metric.find()) {
                    metrics.add(metric.group(1));
                }
            }
        }
        return metrics;
    }

    private static List<String> missing(Set<String> metrics, String scrape) {
        List<String> missing = new ArrayList<>();
        for (String metric : metrics) {
            if (!Pattern.compile("(?m)^" + metric + "[{ ]").matcher(scrape).find()) {
                missing.add(metric);
            }
        }
        return missing;
    }
}
