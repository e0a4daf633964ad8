package io.calsync.worker;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.calsync.contracts.CalendarSyncState;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import io.calsync.testsupport.CalDavPhone;
import io.calsync.testsupport.CalDavUser;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Bad input from iCloud, each through the iCloud proxy and the whole poll path (issue 9, "Bad input"). For every
 * kind: the calendar's other events still sync, the bad resource keeps the slots its last readable version had (it
 * is not "deleted"), it is logged once with its href and counted, and the calendar's sync status says what is wrong.
 * Each calendar starts with two readable events, {@code keeper.ics} and {@code bad.ics}, both published as slots;
 * then {@code bad.ics} turns bad and a third event, {@code later.ics}, is added.
 */
class PollBadInputIntegrationTests extends WorkerIntegrationTest {

    private static final Instant TOMORROW = Instant.now().truncatedTo(ChronoUnit.DAYS).plus(1, ChronoUnit.DAYS);
    private static final String UNREADABLE = "calsync.poll.unreadable.resources";

    @Autowired
    MeterRegistry meters;

    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger calsync = (Logger) LoggerFactory.getLogger("io.calsync");

    @BeforeEach
    void captureCalsyncsLogLines() {
        logs.start();
        calsync.addAppender(logs);
    }

    @AfterEach
    void stopCapturing() {
        calsync.detachAppender(logs);
    }

    /** A calendar whose {@code keeper.ics} and {@code bad.ics} are published. */
    private record Calendar(String userId, String accountId, CalDavUser caldav, CalDavPhone phone, SlotBlocked keeper,
            SlotBlocked bad) {

        String name() {
            return caldav.username().substring(0, caldav.username().indexOf('@'));
        }
    }

    private Calendar calendarWithTwoEvents() {
        CalDavUser caldav = RADICALE.newUser();
        CalDavPhone phone = RADICALE.phoneOf(caldav);
        phone.createCalendar("work", "Work", "VEVENT");
        String userId = "u-" + UUID.randomUUID();
        phone.putEvent("work", "keeper.ics", ics("keeper-" + userId, TOMORROW.plus(9, ChronoUnit.HOURS), "Keeper", ""));
        phone.putEvent("work", "bad.ics", ics("bad-" + userId, TOMORROW.plus(11, ChronoUnit.HOURS), "Bad", ""));
        String accountId = connect("acme", userId, caldav).get("accountId").asString();
        configure("acme", userId, accountId, "work", List.of());
        SlotBlocked keeper = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(userId) && e.title().equals("Keeper"));
        SlotBlocked bad = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(userId) && e.title().equals("Bad"));
        return new Calendar(userId, accountId, caldav, phone, keeper, bad);
    }

    private static String ics(String uid, Instant start, String summary, String extraLines) {
        return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//phone//EN\nBEGIN:VEVENT\nUID:" + uid
                + "\nDTSTAMP:20260101T000000Z\nDTSTART:" + ical(start) + "\nDTEND:" + ical(start.plus(1, ChronoUnit.HOURS))
                + "\n" + extraLines + "SUMMARY:" + summary + "\nEND:VEVENT\nEND:VCALENDAR\n").replace("\n", "\r\n");
    }

    private static String ical(Instant instant) {
        return instant.toString().replace("-", "").replace(":", "").replaceAll("\\.\\d+", "");
    }

    /** A valid new version of {@code bad.ics} (a new ETag, as iCloud gives whatever it stores). */
    private static void changeBadEvent(Calendar calendar) {
        calendar.phone().putEvent("work", "bad.ics", ics("bad-" + calendar.userId(), TOMORROW.plus(13, ChronoUnit.HOURS),
                "Bad moved", ""));
    }

    private static long pollsOf(Calendar calendar) {
        return ICLOUD.requests().stream()
                .filter(r -> r.method().equals("REPORT") && r.status() == 207
                        && calendar.caldav().username().equals(r.appleId()) && r.path().endsWith("/work/"))
                .count();
    }

    private static void awaitPolls(Calendar calendar, int more) {
        long before = pollsOf(calendar);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> pollsOf(calendar) >= before + more);
    }

    private double unreadableCount() {
        return meters.counter(UNREADABLE).count();
    }

    private List<String> logLinesNaming(String... parts) {
        List<ILoggingEvent> captured;
        synchronized (logs) {
            captured = new ArrayList<>(logs.list);
        }
        return captured.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(line -> List.of(parts).stream().allMatch(line::contains)).toList();
    }

    /** A new, readable event syncs while the bad one is there. */
    private static SlotBlocked laterEventSyncs(Calendar calendar) {
        calendar.phone().putEvent("work", "later.ics", ics("later-" + calendar.userId(), TOMORROW.plus(15, ChronoUnit.HOURS),
                "Later", ""));
        return KAFKA.await(SlotBlocked.class, e -> e.userId().equals(calendar.userId()) && e.title().equals("Later"));
    }

    private static void assertNothingReleased(Calendar calendar) {
        assertThat(KAFKA.events(SlotReleased.class)).as("slots released")
                .noneMatch(e -> e.userId().equals(calendar.userId()));
    }

    private static void assertBadEventKeptItsSlot(Calendar calendar) {
        assertNothingReleased(calendar);
        assertThat(KAFKA.events(SlotBlocked.class)).filteredOn(e -> e.userId().equals(calendar.userId())
                && e.origin().eventUid().equals("bad-" + calendar.userId())).as("slots of bad.ics")
                .extracting(SlotBlocked::start).containsOnly(calendar.bad().start());
    }

    /**
     * The whole contract for one bad resource: the other events sync, the bad one keeps its slot, it is logged once
     * with its href and counted once over several polls, and the sync status names it with {@code problem}.
     */
    private void assertBadResourceHandled(Calendar calendar, double unreadableBefore, String problem) {
        laterEventSyncs(calendar);
        CalendarSyncStatusReported status = KAFKA.await(CalendarSyncStatusReported.class,
                e -> e.accountId().equals(calendar.accountId()) && e.error() != null);
        assertThat(status.state()).isEqualTo(CalendarSyncState.OK);
        assertThat(status.error()).contains("/work/bad.ics").contains(problem);
        awaitPolls(calendar, 3);

        assertBadEventKeptItsSlot(calendar);
        assertThat(logLinesNaming(calendar.name(), "bad.ics")).as("log lines naming bad.ics").hasSize(1);
        assertThat(unreadableCount() - unreadableBefore).as(UNREADABLE).isEqualTo(1.0);
    }

    @Test
    void aResourceThatDoesNotParseKeepsItsSlot() {
        Calendar calendar = calendarWithTwoEvents();
        double before = unreadableCount();
        ICLOUD.forAppleId(calendar.caldav().username()).corruptCalendarData("bad.ics",
                "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nthis is no iCalendar at all\r\nDTSTART;;;:::\r\n");

        changeBadEvent(calendar);

        assertBadResourceHandled(calendar, before, "bad.ics");
    }

    @Test
    void anUnknownTzidWithoutVtimezoneKeepsItsSlot() {
        Calendar calendar = calendarWithTwoEvents();
        double before = unreadableCount();
        String onMars = ics("bad-" + calendar.userId(), TOMORROW.plus(13, ChronoUnit.HOURS), "Bad on Mars", "")
                .replace("DTSTART:" + ical(TOMORROW.plus(13, ChronoUnit.HOURS)),
                        "DTSTART;TZID=Mars/Olympus:" + ical(TOMORROW.plus(13, ChronoUnit.HOURS)).replace("Z", ""))
                .replace("DTEND:" + ical(TOMORROW.plus(14, ChronoUnit.HOURS)),
                        "DTEND;TZID=Mars/Olympus:" + ical(TOMORROW.plus(14, ChronoUnit.HOURS)).replace("Z", ""));
        ICLOUD.forAppleId(calendar.caldav().username()).corruptCalendarData("bad.ics", onMars);

        changeBadEvent(calendar);

        assertBadResourceHandled(calendar, before, "unknown time zone 'Mars/Olympus'");
    }

    @Test
    void aResourceOfSeveralMegabytesKeepsItsSlot() {
        Calendar calendar = calendarWithTwoEvents();
        double before = unreadableCount();
        // 3 MB of description: over the 2 MiB expansion limit, under the 4 MB answer limit of the CalDAV client
        // (served by the proxy: Radicale takes seconds to store such a resource)
        String description = "DESCRIPTION:" + "x".repeat(73) + ("\n " + "x".repeat(74)).repeat(3_000_000 / 75) + "\n";
        ICLOUD.forAppleId(calendar.caldav().username()).corruptCalendarData("bad.ics", ics("bad-" + calendar.userId(),
                TOMORROW.plus(13, ChronoUnit.HOURS), "Bad and huge", description));

        changeBadEvent(calendar);

        assertBadResourceHandled(calendar, before, "bad.ics");
    }

    @Test
    void tenThousandInstancesOfOneSeriesInTheWindowKeepTheSlotsItHad() {
        Calendar calendar = calendarWithTwoEvents();
        double before = unreadableCount();

        // every half hour from tomorrow on, 10,000 times: 208 days, all in the 210-day window
        calendar.phone().putEvent("work", "bad.ics", ics("bad-" + calendar.userId(), TOMORROW.plus(11, ChronoUnit.HOURS),
                "Bad every half hour", "RRULE:FREQ=MINUTELY;INTERVAL=30;COUNT=10000\n"));

        assertBadResourceHandled(calendar, before, "more than 5000 occurrences");
    }

    @Test
    void aDailySeriesWithoutEndSince1990ExpandsToTheWindowsInstancesOnly() {
        Calendar calendar = calendarWithTwoEvents();
        double before = unreadableCount();
        String uid = "since-1990-" + calendar.userId();

        calendar.phone().putEvent("work", "since-1990.ics", ics(uid, Instant.parse("1990-01-01T07:00:00Z"),
                "Standup", "RRULE:FREQ=DAILY\n"));

        // 30 days back to 180 ahead of today (UTC), a half-open window: 210 days with one instance each at 07:00
        Instant windowStart = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(30, ChronoUnit.DAYS);
        List<Instant> expected = java.util.stream.IntStream.range(0, 210)
                .mapToObj(day -> windowStart.plus(day, ChronoUnit.DAYS).plus(7, ChronoUnit.HOURS)).toList();
        List<Instant> starts = Awaitility.await().atMost(Duration.ofSeconds(30)).until(
                () -> KAFKA.events(SlotBlocked.class).stream().filter(e -> e.origin().eventUid().equals(uid))
                        .map(SlotBlocked::start).distinct().sorted().toList(), s -> s.size() >= expected.size());
        assertThat(starts).containsExactlyElementsOf(expected);
        laterEventSyncs(calendar);
        awaitPolls(calendar, 2);
        assertNothingReleased(calendar);
        assertThat(unreadableCount()).isEqualTo(before);
        assertThat(KAFKA.events(CalendarSyncStatusReported.class))
                .filteredOn(e -> e.accountId().equals(calendar.accountId())).extracting(CalendarSyncStatusReported::error)
                .containsOnlyNulls();
    }

    @Test
    void aMultigetThatOmitsAnHrefKeepsItsSlotAndSaysWhichIsMissing() {
        Calendar calendar = calendarWithTwoEvents();
        double before = unreadableCount();
        ICLOUD.forAppleId(calendar.caldav().username()).omitFromMultiget("bad.ics");

        changeBadEvent(calendar);

        assertBadResourceHandled(calendar, before, "bad.ics");
    }

    @Test
    void garbageAsTheSyncCollectionAnswerFailsThatPollOnly() {
        Calendar calendar = calendarWithTwoEvents();
        ICLOUD.forAppleId(calendar.caldav().username())
                .answerNextReportWith("<multistatus xmlns=\"DAV:\"><response><href>/</href><propstat>");

        CalendarSyncStatusReported failing = KAFKA.await(CalendarSyncStatusReported.class,
                e -> e.accountId().equals(calendar.accountId()) && e.state() == CalendarSyncState.FAILING);

        assertThat(failing.error()).isNotBlank();
        KAFKA.await(CalendarSyncStatusReported.class, e -> e.accountId().equals(calendar.accountId())
                && e.state() == CalendarSyncState.OK && e.lastAttemptAt().isAfter(failing.lastAttemptAt()));
        laterEventSyncs(calendar);
        awaitPolls(calendar, 2);
        assertNothingReleased(calendar);
        assertThat(logLinesNaming("Polling calendar work of account " + calendar.accountId() + " failed")).hasSize(1);
    }

    @Test
    void entityExpansionAsTheMultigetAnswerFailsThatPollOnly_andTheChangeIsReadNextTime() {
        Calendar calendar = calendarWithTwoEvents();
        ICLOUD.forAppleId(calendar.caldav().username()).answerNextMultigetWith("""
                <?xml version="1.0"?>
                <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
                <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
                <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
                <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
                <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
                <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
                <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
                <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
                <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">]>
                <multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav"><response><href>&lol9;</href>
                <propstat><prop><getetag>"x"</getetag><C:calendar-data>&lol9;</C:calendar-data></prop>
                <status>HTTP/1.1 200 OK</status></propstat></response></multistatus>
                """);

        changeBadEvent(calendar);

        CalendarSyncStatusReported failing = KAFKA.await(CalendarSyncStatusReported.class,
                e -> e.accountId().equals(calendar.accountId()) && e.state() == CalendarSyncState.FAILING);
        assertThat(failing.error()).isNotBlank().doesNotContain("lollol");
        SlotBlocked moved = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(calendar.userId())
                && e.title().equals("Bad moved"));
        assertThat(moved.slotId()).isEqualTo(calendar.bad().slotId());
        laterEventSyncs(calendar);
        assertNothingReleased(calendar);
        assertThat(logLinesNaming("Polling calendar work of account " + calendar.accountId() + " failed")).hasSize(1);
    }

    @Test
    void aSyncCollectionAnswerTruncatedWith507IsContinued_andNothingOnLaterPagesCountsAsDeleted() {
        Calendar calendar = calendarWithTwoEvents();
        double before = unreadableCount();
        ICLOUD.forAppleId(calendar.caldav().username()).truncateSyncReports(1)
                .corruptCalendarData("bad.ics", "not iCalendar");

        changeBadEvent(calendar);
        for (int i = 0; i < 3; i++) {
            calendar.phone().putEvent("work", "extra-" + i + ".ics", ics("extra-" + i + "-" + calendar.userId(),
                    TOMORROW.plus(17 + i, ChronoUnit.HOURS), "Extra " + i, ""));
        }

        for (int i = 0; i < 3; i++) {
            String title = "Extra " + i;
            KAFKA.await(SlotBlocked.class, e -> e.userId().equals(calendar.userId()) && e.title().equals(title));
        }
        assertBadResourceHandled(calendar, before, "bad.ics");
    }

    @Test
    void aDroppedSyncTokenDownloadsOnlyWhatChanged_keepsTheRest_andStillSeesDeletions() {
        Calendar calendar = calendarWithTwoEvents();
        double before = unreadableCount();
        calendar.phone().putEvent("work", "gone.ics", ics("gone-" + calendar.userId(), TOMORROW.plus(19, ChronoUnit.HOURS),
                "Gone", ""));
        SlotBlocked gone = KAFKA.await(SlotBlocked.class, e -> e.userId().equals(calendar.userId()) && e.title().equals("Gone"));
        ICLOUD.forAppleId(calendar.caldav().username()).dropSyncTokens().corruptCalendarData("bad.ics", "not iCalendar");

        changeBadEvent(calendar);
        calendar.phone().deleteEvent("work", "gone.ics");

        SlotReleased released = KAFKA.await(SlotReleased.class, e -> e.slotId().equals(gone.slotId()));
        assertThat(released.userId()).isEqualTo(calendar.userId());
        laterEventSyncs(calendar);
        CalendarSyncStatusReported status = KAFKA.await(CalendarSyncStatusReported.class,
                e -> e.accountId().equals(calendar.accountId()) && e.error() != null);
        assertThat(status.error()).contains("/work/bad.ics");
        awaitPolls(calendar, 3);
        assertThat(KAFKA.events(SlotReleased.class)).filteredOn(e -> e.userId().equals(calendar.userId()))
                .extracting(SlotReleased::slotId).containsExactly(gone.slotId());
        assertThat(KAFKA.events(SlotBlocked.class)).filteredOn(e -> e.userId().equals(calendar.userId())
                && e.origin().eventUid().equals("bad-" + calendar.userId())).extracting(SlotBlocked::start)
                .containsOnly(calendar.bad().start());
        assertThat(logLinesNaming(calendar.name(), "bad.ics")).hasSize(1);
        assertThat(unreadableCount() - before).isEqualTo(1.0);
    }
}
