package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.ReleaseReason;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.calsync.testsupport.ICloudProxy;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Scheduling that scales (issue 9, point 4) and the sync window advancing (point 7): with more due calendars than
 * the pool ({@code calsync.poll.concurrency}, 4 here) takes at once, every calendar keeps being polled, the longest
 * waiting first, and a slow calendar holds one place of the pool, not the others; a new window day re-computes a
 * calendar's slots from storage. Polls are counted in the proxy's request log: each starts with one REPORT.
 */
class PollSchedulingIntegrationTests extends WorkerIntegrationTest {

    private static final int EVENT_TEXT = 5_000;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    TransactionTemplate transaction;

    @Autowired
    CircuitBreakerRegistry breakers;

    private final List<User> users = new ArrayList<>();

    private record User(String userId, CalDavUser caldav, CalDavPhone phone, String accountId) {
    }

    private record Calendar(User user, String calendarId) {
        long polls() {
            return ICLOUD.requestsOf(user.caldav().username()).stream().filter(this::isPoll).count();
        }

        boolean isPoll(ICloudProxy.Request r) {
            return r.method().equals("REPORT") && r.status() == 207 && r.appleId().equals(user.caldav().username())
                    && r.path().endsWith("/" + calendarId + "/");
        }
    }

    /** A user with {@code count} selected calendars: the first Primary, the others checked for conflicts. */
    private List<Calendar> userWithCalendars(int count, String prefix) {
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(prefix + i);
            phone.createCalendar(prefix + i, prefix + i, "VEVENT");
        }
        String userId = "u-" + UUID.randomUUID();
        User user = new User(userId, caldav, phone, connect("acme", userId, caldav).get("accountId").asString());
        users.add(user);
        assertThat(configure("acme", userId, user.accountId(), ids.get(0), ids.subList(1, count)).status()).isEqualTo(200);
        return ids.stream().map(id -> new Calendar(user, id)).toList();
    }

    private List<Calendar> twelveCalendarsOfFourUsers() {
        List<Calendar> calendars = new ArrayList<>();
        for (int u = 0; u < 4; u++) {
            calendars.addAll(userWithCalendars(3, "s"));
        }
        awaitEachPolledAgain(calendars, 1, Duration.ofSeconds(30));
        return calendars;
    }

    private static Map<Calendar, Long> polls(List<Calendar> calendars) {
        Map<Calendar, Long> polls = new HashMap<>();
        calendars.forEach(c -> polls.put(c, c.polls()));
        return polls;
    }

    private static void awaitEachPolledAgain(List<Calendar> calendars, int times, Duration atMost) {
        Map<Calendar, Long> before = polls(calendars);
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> calendars.stream().allMatch(c -> c.polls() >= before.get(c) + times));
    }

    private static void slow(List<Calendar> calendars, Duration latency) {
        calendars.stream().map(c -> c.user().caldav().username()).distinct()
                .forEach(appleId -> ICLOUD.forAppleId(appleId).latency(latency));
    }

    /** Deselected, they stop being polled and leave the rest of the suite its pool. */
    @AfterEach
    void deselect() {
        users.forEach(u -> configure("acme", u.userId(), u.accountId(), null, List.of()));
    }

    /**
     * An open circuit breaker refuses every call to Apple: a calendar is not at fault for that, so its back-off does
     * not grow (it would keep a calendar unpolled for up to an hour after Apple is back): the poll waits for the
     * breaker's next probe only.
     */
    @Test
    void whileTheCircuitIsOpen_pollsWaitForTheBreaker_withoutGrowingTheCalendarsBackOff() {
        Calendar calendar = userWithCalendars(1, "c").get(0);
        awaitEachPolledAgain(List.of(calendar), 1, Duration.ofSeconds(30));
        CircuitBreaker apple = breakers.circuitBreaker("apple");
        apple.transitionToForcedOpenState();
        try {
            Awaitility.await("a poll refused by the open circuit").atMost(Duration.ofSeconds(30))
                    .until(() -> lastError(calendar), error -> error != null && error.contains("apple"));
            assertThat(jdbc.sql("SELECT failures FROM calendar_selection WHERE account_id = ?::uuid AND calendar_id = ?")
                    .params(calendar.user().accountId(), calendar.calendarId()).query(Integer.class).single())
                    .isZero();
        } finally {
            apple.transitionToClosedState();
        }
    }

    private String lastError(Calendar calendar) {
        return jdbc.sql("SELECT last_error FROM calendar_selection WHERE account_id = ?::uuid AND calendar_id = ?")
                .params(calendar.user().accountId(), calendar.calendarId()).query(String.class).optional().orElse(null);
    }

    @Test
    void moreDueCalendarsThanThePoolTakes_everyOneKeepsBeingPolled_noneStarves() {
        List<Calendar> calendars = twelveCalendarsOfFourUsers();
        // each poll now holds a place of the pool for 600 ms: 4 places cannot poll 12 calendars every second
        slow(calendars, Duration.ofMillis(600));
        awaitEachPolledAgain(calendars, 1, Duration.ofSeconds(20));

        Map<Calendar, Long> before = polls(calendars);
        AtomicLong mostWaiting = new AtomicLong();
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            mostWaiting.accumulateAndGet(dueAndWaiting(), Math::max);
            return calendars.stream().allMatch(c -> c.polls() >= before.get(c) + 3);
        });

        // the situation this is about: at times more of them were due than the pool had places for
        assertThat(mostWaiting.get()).isGreaterThanOrEqualTo(4);
    }

    /** Calendars of this test that are due and not claimed by any poll. */
    private long dueAndWaiting() {
        String accounts = String.join(",", users.stream().map(u -> "'" + u.accountId() + "'").toList());
        return jdbc.sql("SELECT count(*) FROM calendar_selection WHERE next_poll_at <= now() AND lease_owner IS NULL "
                + "AND account_id::text IN (" + accounts + ")").query(Long.class).single();
    }

    @Test
    void dueCalendarsAreWorkedOldestDueFirst() {
        List<Calendar> calendars = twelveCalendarsOfFourUsers();
        slow(calendars, Duration.ofSeconds(1));
        String accounts = String.join(",", users.stream().map(u -> "'" + u.accountId() + "'").toList());
        // none due, none running: then all at once, each overdue by a different age, in an order unlike creation's
        Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> {
            jdbc.sql("UPDATE calendar_selection SET next_poll_at = now() + interval '1 hour' WHERE lease_owner IS NULL "
                    + "AND account_id::text IN (" + accounts + ")").update();
            return jdbc.sql("SELECT count(*) FROM calendar_selection WHERE lease_owner IS NULL "
                    + "AND next_poll_at > now() + interval '30 minutes' AND account_id::text IN (" + accounts + ")")
                    .query(Long.class).single() == 12;
        });
        List<Calendar> oldestFirst = new ArrayList<>(calendars);
        Collections.shuffle(oldestFirst, new Random(9));
        int mark = ICLOUD.requests().size();
        transaction.executeWithoutResult(tx -> {
            for (int i = 0; i < oldestFirst.size(); i++) {
                Calendar c = oldestFirst.get(i);
                jdbc.sql("UPDATE calendar_selection SET next_poll_at = ? WHERE account_id = ?::uuid AND calendar_id = ?")
                        .params(Timestamp.from(Instant.now().minus(Duration.ofHours(1)).plusSeconds(i)),
                                c.user().accountId(), c.calendarId()).update();
            }
        });

        awaitEachPolledAgain(calendars, 1, Duration.ofSeconds(30));
        List<ICloudProxy.Request> after = ICLOUD.requests().subList(mark, ICLOUD.requests().size());
        Map<Calendar, Integer> firstPoll = new HashMap<>();
        for (Calendar c : calendars) {
            for (int i = 0; i < after.size(); i++) {
                if (c.isPoll(after.get(i))) {
                    firstPoll.put(c, i);
                    break;
                }
            }
        }
        // 4 places, 1 s a poll: the four oldest are done a whole round before the four youngest begin
        int lastOfOldest = oldestFirst.subList(0, 4).stream().mapToInt(firstPoll::get).max().orElseThrow();
        int firstOfYoungest = oldestFirst.subList(8, 12).stream().mapToInt(firstPoll::get).min().orElseThrow();
        assertThat(lastOfOldest).isLessThan(firstOfYoungest);
    }

    @Test
    void oneLargeSlowCalendarNeverHoldsUpTheOthers() {
        List<Calendar> fast = new ArrayList<>();
        fast.addAll(userWithCalendars(3, "f"));
        fast.addAll(userWithCalendars(3, "f"));
        CalDavUser bigUser = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(bigUser);
        phone.createCalendar("big", "big", "VEVENT");
        LocalDate day = LocalDate.now(ZoneOffset.UTC).plusDays(1);
        for (int i = 0; i < 60; i++) {
            phone.putEvent("big", "e" + i + ".ics", event("big-" + i + "-" + UUID.randomUUID(),
                    "DTSTART:" + utc(day.plusDays(i), 9), "DTEND:" + utc(day.plusDays(i), 10)));
        }
        String userId = "u-" + UUID.randomUUID();
        User big = new User(userId, bigUser, phone, connect("acme", userId, bigUser).get("accountId").asString());
        users.add(big);
        Calendar slow = new Calendar(big, "big");
        awaitEachPolledAgain(fast, 1, Duration.ofSeconds(30));
        // every request of this Apple ID takes 2 s: its first sync (listing, zone, addresses, multiget) and each poll
        slow(List.of(slow), Duration.ofSeconds(2));
        configure("acme", userId, big.accountId(), "big", List.of());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql(
                "SELECT count(*) FROM calendar_selection WHERE account_id = ?::uuid AND lease_owner IS NOT NULL")
                .param(big.accountId()).query(Long.class).single() == 1);
        long slowBefore = slow.polls();
        Instant start = Instant.now();

        awaitEachPolledAgain(fast, 6, Duration.ofSeconds(15));

        Duration took = Duration.between(start, Instant.now());
        // the slow calendar was slow meanwhile: at most one poll per 2 s request
        assertThat(slow.polls() - slowBefore).isLessThanOrEqualTo(took.toSeconds() / 2 + 1);
        KAFKA.await(SlotBlocked.class, e -> e.userId().equals(userId), Duration.ofSeconds(30));
    }

    @Test
    void aNewWindowDay_publishesTheOccurrenceEntering_andReleasesTheOneLeaving_withoutDownloading() {
        User user = userWithCalendars(1, "w").get(0).user();
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        String uid = "daily-" + user.userId();
        user.phone().putEvent("w0", "daily.ics", event(uid, "DTSTART:" + utc(today.minusDays(60), 9),
                "DTEND:" + utc(today.minusDays(60), 10), "RRULE:FREQ=DAILY"));
        Instant lastDay = today.plusDays(179).atTime(9, 0).toInstant(ZoneOffset.UTC);
        Instant firstDay = today.minusDays(30).atTime(9, 0).toInstant(ZoneOffset.UTC);
        SlotBlocked entering = KAFKA.await(SlotBlocked.class, e -> e.origin().eventUid().equals(uid)
                && e.start().equals(lastDay));
        KAFKA.await(SlotBlocked.class, e -> e.origin().eventUid().equals(uid) && e.start().equals(firstDay));
        assertThat(KAFKA.events(SlotBlocked.class)).filteredOn(e -> e.origin().eventUid().equals(uid)).hasSize(210);
        long downloads = downloads(user);
        assertThat(downloads).isPositive();
        String leaving = "icloud-" + UUID.randomUUID();

        // the ledger as yesterday's poll left it: its window reached one day less far, and one day further back
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> Boolean.TRUE.equals(transaction.execute(tx -> {
            int unclaimed = jdbc.sql("""
                    UPDATE calendar_selection SET window_start = ?
                    WHERE account_id = ?::uuid AND calendar_id = 'w0' AND lease_owner IS NULL""")
                    .params(Date.valueOf(today.minusDays(1)), user.accountId()).update();
            if (unclaimed == 0) {
                return false;
            }
            jdbc.sql("DELETE FROM published_slot WHERE slot_id = ?").param(entering.slotId()).update();
            jdbc.sql("""
                    INSERT INTO published_slot (slot_id, tenant_id, user_id, account_id, calendar_id, role, event_uid,
                        recurrence_id, start_at, end_at, all_day, title)
                    SELECT ?, tenant_id, user_id, account_id, calendar_id, role, event_uid, ?, start_at - interval '1 day',
                        end_at - interval '1 day', all_day, title
                    FROM published_slot WHERE account_id = ?::uuid AND calendar_id = 'w0' AND start_at = ?""")
                    .params(leaving, firstDay.minus(Duration.ofDays(1)).toString(), user.accountId(),
                            Timestamp.from(firstDay)).update();
            return true;
        })));

        assertThat(KAFKA.await(SlotReleased.class, e -> e.slotId().equals(leaving), Duration.ofSeconds(10)).reason())
                .isEqualTo(ReleaseReason.OUTSIDE_SYNC_WINDOW);
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> KAFKA.events(SlotBlocked.class).stream()
                .filter(e -> e.slotId().equals(entering.slotId())).count() == 2);
        assertThat(downloads(user)).as("nothing downloaded again").isEqualTo(downloads);
        assertThat(jdbc.sql("SELECT window_start FROM calendar_selection WHERE account_id = ?::uuid")
                .param(user.accountId()).query(LocalDate.class).single()).isEqualTo(today);
    }

    /** Answers that carried event data (multiget or GET): sync and listing answers are far smaller. */
    private static long downloads(User user) {
        return ICLOUD.requestsOf(user.caldav().username()).stream().filter(r -> r.decodedBytes() >= EVENT_TEXT).count();
    }

    private static String utc(LocalDate day, int hour) {
        return day.atTime(hour, 0).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'"));
    }

    /** An event with EVENT_TEXT characters of description (folded), so that downloading it shows in the log. */
    private static String event(String uid, String... lines) {
        StringBuilder description = new StringBuilder("DESCRIPTION:");
        String text = "x".repeat(EVENT_TEXT);
        for (int i = 0; i < text.length(); i += 60) {
            description.append(i == 0 ? "" : "\n ").append(text, i, Math.min(text.length(), i + 60));
        }
        return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//phone//EN\nBEGIN:VEVENT\nUID:" + uid
                + "\nDTSTAMP:20260101T000000Z\n" + String.join("\n", lines) + "\nSUMMARY:Busy thing\n" + description
                + "\nEND:VEVENT\nEND:VCALENDAR\n").replace("\n", "\r\n");
    }
}
