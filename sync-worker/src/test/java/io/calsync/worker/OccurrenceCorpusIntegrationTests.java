package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.SharedPostgres;
import io.calsync.testsupport.TestDatabase;
import io.calsync.worker.ical.CorpusCase;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.assertj.core.api.SoftAssertions;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The occurrence corpus ({@code occurrences/*.ics}, worked out by hand; see OccurrenceCorpusUnitTests for the format)
 * through Radicale, the iCloud proxy and the whole poll path: each case in a calendar of its own, its collection zone
 * set with PROPPATCH {@code calendar-timezone} where it has one, and the published {@code slot.blocked} events of that
 * calendar (start, end, all-day local dates) equal the expected occurrences that block under the default busy rules
 * (TRANSPARENT, CANCELLED and declined do not; tentative, all-day and unanswered do).
 *
 * <p>The corpus lies in 2026, and its default window is that year. The sync window is relative to the worker's
 * clock, so this class runs a worker of its own whose clock says 2 July 2026 and whose window is 182 days back and
 * 183 ahead: exactly the year 2026, the corpus' default window. That worker has its own database (so that it and the
 * shared test worker never poll each other's calendars), consumes no appointments, and is closed after the class.
 * A case with a narrower {@code @window} is compared within that window (its expected occurrences were worked out
 * only there). Resources Radicale refuses to store, or stores rewritten so that they mean other times (it turns
 * {@code DURATION:PT24H} into {@code P1D}), are served by the proxy as the corpus has them (over a placeholder).
 */
@Import(OccurrenceCorpusIntegrationTests.Year2026.class)
@TestPropertySource(properties = {
        "calsync.poll.window-past=182d",
        "calsync.poll.window-ahead=183d",
        "spring.kafka.consumer.group-id=calsync-sync-worker-occurrence-corpus",
        // the poll path only: this worker's database knows none of the appointments other test classes publish to
        // the broker they share, so it must not consume them (it would answer each with a skip of its own)
        "spring.kafka.listener.auto-startup=false"})
@DirtiesContext
class OccurrenceCorpusIntegrationTests extends WorkerIntegrationTest {

    private static final Instant YEAR_FROM = Instant.parse("2026-01-01T00:00:00Z");
    private static final Instant YEAR_TO = Instant.parse("2027-01-01T00:00:00Z");
    private static final TestDatabase OWN_DATABASE = SharedPostgres.freshDatabase("corpus");

    /** The worker's clock on 2 July 2026 (and running), its database its own. */
    @TestConfiguration(proxyBeanMethods = false)
    static class Year2026 {

        @Bean
        @Primary
        Clock secondOfJuly2026() {
            Clock system = Clock.systemUTC();
            return Clock.offset(system, Duration.between(system.instant(), Instant.parse("2026-07-02T06:00:00Z")));
        }

        @Bean
        @Primary
        DataSource ownDatabase() {
            HikariDataSource dataSource = new HikariDataSource();
            dataSource.setJdbcUrl(OWN_DATABASE.jdbcUrl());
            dataSource.setUsername(OWN_DATABASE.user());
            dataSource.setPassword(OWN_DATABASE.password());
            dataSource.setMaximumPoolSize(10);
            return dataSource;
        }
    }

    /** One corpus case, with what this test needs of it. */
    private record Case(CorpusCase corpus) {

        String name() {
            return corpus.name();
        }

        String ics() {
            return corpus.ics();
        }

        Instant from() {
            return corpus.from();
        }

        Instant to() {
            return corpus.to();
        }

        String collectionZone() {
            return corpus.collectionZone();
        }

        String fallbackZone() {
            return corpus.fallbackZone();
        }

        List<String> own() {
            return corpus.own();
        }

        String problem() {
            return corpus.problem();
        }

        String calendarId() {
            return "c-" + name();
        }

        String resourceName() {
            return name() + ".ics";
        }

        /** The expected occurrences that block under the default rules, as start, end and all-day local dates. */
        List<String> blocking() {
            return corpus.occurrences().stream()
                    .filter(line -> !line.contains(" TRANSPARENT") && !line.contains(" CANCELLED")
                            && !line.contains(" partstat=DECLINED"))
                    .map(Case::times).sorted().toList();
        }

        /** {@code <start> <end>}, and the local dates of an all-day occurrence. */
        private static String times(String line) {
            String[] words = line.split(" ");
            boolean allDay = words.length > 2 && words[2].matches("\\d{4}-\\d{2}-\\d{2}");
            return String.join(" ", Arrays.asList(words).subList(0, allDay ? 4 : 2));
        }

        boolean overlapsWindow(SlotBlocked slot) {
            return slot.end().isAfter(from()) && slot.start().isBefore(to());
        }
    }

    private static List<Case> corpus() {
        return CorpusCase.all().stream().map(Case::new).toList();
    }

    @Test
    void everyCorpusCaseBlocksExactlyItsExpectedOccurrencesThroughRadicaleAndThePollPath() throws Exception {
        List<Case> cases = corpus();
        List<Case> owned = cases.stream().filter(c -> !c.own().isEmpty()).toList();
        assertThat(owned).as("cases with own addresses (one account answers one address set)").hasSizeLessThanOrEqualTo(1);
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        if (!owned.isEmpty()) {
            ICLOUD.forAppleId(caldav.username()).calendarUserAddresses(owned.get(0).own().stream()
                    .map(a -> a.contains(":") ? a : "mailto:" + a).toArray(String[]::new));
        }
        List<String> servedByTheProxy = new ArrayList<>();
        for (Case c : cases) {
            phone.createCalendar(c.calendarId(), c.name(), "VEVENT");
            if (c.collectionZone() != null) {
                setCalendarTimezone(caldav, phone.calendarPath(c.calendarId()), c.collectionZone());
            }
            boolean stored = tryPut(caldav, phone.calendarPath(c.calendarId()) + c.resourceName(), c.ics());
            if (stored && !sameOccurrences(c, phone.getEvent(c.calendarId(), c.resourceName()).orElseThrow())) {
                // Radicale rewrote it into something that means other times (PT24H becomes P1D): iCloud serves what it got
                ICLOUD.forAppleId(caldav.username()).corruptCalendarData(c.resourceName(), c.ics());
                servedByTheProxy.add(c.name());
            } else if (!stored) {
                ICLOUD.forAppleId(caldav.username()).corruptCalendarData(c.resourceName(), c.ics());
                servedByTheProxy.add(c.name());
                phone.putEvent(c.calendarId(), c.resourceName(), placeholder(c.name()));
            }
        }
        String userId = "u-corpus-" + UUID.randomUUID();
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        // a case's fallback zone is the time zone the user set for that calendar in the calendar configuration
        List<Map<String, Object>> calendars = cases.stream().map(c -> c.fallbackZone().equals("UTC")
                ? Map.<String, Object>of("accountId", accountId, "calendarId", c.calendarId())
                : Map.<String, Object>of("accountId", accountId, "calendarId", c.calendarId(), "timeZone", c.fallbackZone()))
                .toList();
        assertThat(api("acme").put(usersPath("acme", userId) + "/calendar-configuration", Map.of(
                "primary", calendars.get(0), "conflicts", calendars.subList(1, calendars.size()))).status()).isEqualTo(200);

        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            SoftAssertions softly = new SoftAssertions();
            for (Case c : cases) {
                if (c.problem() == null) {
                    softly.assertThat(published(userId, c)).as(c.name()).isEqualTo(c.blocking());
                } else {
                    softly.assertThat(problemReported(accountId, c)).as(c.name() + " reports " + c.problem()).isTrue();
                    softly.assertThat(published(userId, c)).as(c.name()).isEmpty();
                }
            }
            softly.assertThat(KAFKA.events(SlotReleased.class)).as("released slots")
                    .noneMatch(e -> e.userId().equals(userId));
            softly.assertAll();
        });
        assertThat(cases).as("cases run; served by the proxy because Radicale refuses or rewrites them: "
                + servedByTheProxy).hasSizeGreaterThanOrEqualTo(30);
    }

    /** The text Radicale stored expands as the corpus' own text does. */
    private static boolean sameOccurrences(Case c, String stored) {
        io.calsync.worker.ical.OwnParticipation own = io.calsync.worker.ical.OwnParticipation.of(c.own());
        io.calsync.worker.ical.CalendarZone zone = new io.calsync.worker.ical.CalendarZone(
                c.collectionZone() == null ? null : java.time.ZoneId.of(c.collectionZone()),
                java.time.ZoneId.of(c.fallbackZone()));
        return io.calsync.worker.ical.EventOccurrences.expand(stored, c.from(), c.to(), zone, own).equals(
                io.calsync.worker.ical.EventOccurrences.expand(c.ics(), c.from(), c.to(), zone, own));
    }

    /** The latest slot.blocked of each slot of the case's calendar inside the case's window, as start, end, dates. */
    private static List<String> published(String userId, Case c) {
        Map<String, SlotBlocked> latest = new LinkedHashMap<>();
        KAFKA.events(SlotBlocked.class).stream()
                .filter(e -> e.userId().equals(userId) && e.origin().calendarId().equals(c.calendarId()))
                .forEach(e -> latest.put(e.slotId(), e));
        return latest.values().stream().filter(c::overlapsWindow)
                .map(s -> s.start() + " " + s.end() + (s.allDay() ? " " + s.startDate() + " " + s.endDate() : ""))
                .sorted().toList();
    }

    private static boolean problemReported(String accountId, Case c) {
        return KAFKA.events(CalendarSyncStatusReported.class).stream()
                .anyMatch(e -> e.accountId().equals(accountId) && e.calendarId().equals(c.calendarId())
                        && e.error() != null && e.error().contains(c.resourceName()) && e.error().contains(c.problem()));
    }

    private static String placeholder(String name) {
        return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//corpus//EN\nBEGIN:VEVENT\nUID:placeholder-" + name
                + "\nDTSTAMP:20260101T000000Z\nDTSTART:20260101T000000Z\nDTEND:20260101T010000Z\nSUMMARY:placeholder"
                + "\nEND:VEVENT\nEND:VCALENDAR\n").replace("\n", "\r\n");
    }

    private static boolean tryPut(CalDavUser caldav, String path, String ics) throws Exception {
        HttpResponse<String> response = send(caldav, "PUT", path, "text/calendar; charset=utf-8", ics);
        return response.statusCode() == 201 || response.statusCode() == 204;
    }

    /** RFC 4791 section 5.2.2 {@code calendar-timezone}, as iCloud sets it on every calendar. */
    private static void setCalendarTimezone(CalDavUser caldav, String calendarPath, String zone) throws Exception {
        String vcalendar = ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Apple Inc.//iCloud//EN\nBEGIN:VTIMEZONE\nTZID:" + zone
                + "\nBEGIN:STANDARD\nDTSTART:19700101T000000\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0000\nEND:STANDARD"
                + "\nEND:VTIMEZONE\nEND:VCALENDAR\n").replace("\n", "&#13;\n");
        HttpResponse<String> response = send(caldav, "PROPPATCH", calendarPath, "application/xml; charset=utf-8", """
                <?xml version="1.0" encoding="utf-8"?>
                <D:propertyupdate xmlns:D="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
                  <D:set><D:prop><C:calendar-timezone>%s</C:calendar-timezone></D:prop></D:set>
                </D:propertyupdate>""".formatted(vcalendar));
        assertThat(response.statusCode()).isEqualTo(207);
        assertThat(response.body()).contains("200");
    }

    private static HttpResponse<String> send(CalDavUser caldav, String method, String path, String contentType,
            String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(RADICALE.baseUrl() + path))
                        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                                (caldav.username() + ":" + caldav.password()).getBytes(StandardCharsets.UTF_8)))
                        .header("Content-Type", contentType)
                        .method(method, HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
