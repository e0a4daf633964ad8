package io.calsync.worker.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.worker.ical.OwnParticipation;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The slots of a calendar computed from its stored events: the window as days pass, the busy rules and the zone
 * floating times are read in. Each case is a change the poller makes without downloading anything.
 */
class CalendarSlotsUnitTests {

    private static final OwnParticipation ME = OwnParticipation.of(List.of("mailto:me@example.com"));

    private static String event(String uid, String... lines) {
        return ("BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\nUID:" + uid
                + "\nDTSTAMP:20260101T000000Z\n" + String.join("\n", lines) + "\nEND:VEVENT\nEND:VCALENDAR\n")
                .replace("\n", "\r\n");
    }

    private static Map<String, Slot> slots(PollTarget target, LocalDate today, String... events) {
        Instant midnight = today.atStartOfDay(ZoneOffset.UTC).toInstant();
        List<CalendarResources.Stored> stored = java.util.stream.IntStream.range(0, events.length)
                .mapToObj(i -> new CalendarResources.Stored("/cal/e" + i + ".ics", events[i])).toList();
        return CalendarSlots.of(target, stored, midnight.minus(Duration.ofDays(30)), midnight.plus(Duration.ofDays(180)),
                target.zone(), ME, target.rules(), uid -> false);
    }

    private static List<String> titles(Map<String, Slot> slots) {
        return slots.values().stream().map(Slot::title).sorted().toList();
    }

    @Test
    void aSeriesAcrossTheWindowEdges_nextDayTheInstanceEnteringIsPublishedAndTheOneLeavingReleased() {
        PollTarget target = PollTargets.calendar(BusyRules.DEFAULT, null);
        String daily = event("standup", "DTSTART:20260101T090000Z", "DTEND:20260101T093000Z", "RRULE:FREQ=DAILY",
                "SUMMARY:Stand-up");
        LocalDate today = LocalDate.of(2026, 3, 1);

        Map<String, Slot> yesterdays = slots(target, today.minusDays(1), daily);
        Map<String, Slot> todays = slots(target, today, daily);
        SlotDiff nextDay = SlotDiff.between(yesterdays, todays);

        // yesterday's window: [29 January, 27 August); today's: [30 January, 28 August)
        Instant leaving = Instant.parse("2026-01-29T09:00:00Z");
        Instant entering = Instant.parse("2026-08-27T09:00:00Z");
        assertThat(yesterdays.values()).extracting(Slot::start).contains(leaving).doesNotContain(entering);
        assertThat(todays.values()).extracting(Slot::start).contains(entering).doesNotContain(leaving);
        assertThat(nextDay.blocked()).extracting(Slot::start).containsExactly(entering);
        assertThat(nextDay.released()).extracting(Slot::start).containsExactly(leaving);
        assertThat(todays).hasSize(210);
    }

    private static final String[] INVITATIONS_AND_MORE = {
        event("all-day", "DTSTART;VALUE=DATE:20260310", "DTEND;VALUE=DATE:20260311", "SUMMARY:Holiday"),
        event("all-day-free", "DTSTART;VALUE=DATE:20260312", "DTEND;VALUE=DATE:20260313", "TRANSP:TRANSPARENT",
                "SUMMARY:Birthday"),
        event("tentative", "DTSTART:20260310T100000Z", "DTEND:20260310T110000Z", "STATUS:TENTATIVE",
                "SUMMARY:Maybe lunch"),
        event("declined", "DTSTART:20260310T120000Z", "DTEND:20260310T130000Z", "SUMMARY:Declined review",
                "ORGANIZER;CN=Boss:mailto:boss@example.com",
                "ATTENDEE;PARTSTAT=DECLINED:mailto:me@example.com"),
        event("unanswered", "DTSTART:20260310T140000Z", "DTEND:20260310T150000Z", "SUMMARY:Unanswered sync",
                "ORGANIZER;CN=Boss:mailto:boss@example.com",
                "ATTENDEE;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:me@example.com"),
        event("plain", "DTSTART:20260310T160000Z", "DTEND:20260310T170000Z", "SUMMARY:Dentist"),
    };

    @Test
    void defaultRules_allDayTentativeAndUnansweredBlock_declinedAndTransparentDoNot() {
        Map<String, Slot> slots = slots(PollTargets.calendar(BusyRules.DEFAULT, null), LocalDate.of(2026, 3, 1),
                INVITATIONS_AND_MORE);

        assertThat(titles(slots)).containsExactly("Dentist", "Holiday", "Maybe lunch", "Unanswered sync");
    }

    @Test
    void everyRuleTurned_onlyDeclinedAndPlainBlock_andPrivacyBusyHidesTheirTitles() {
        BusyRules turned = new BusyRules(false, false, true, false, false);

        Map<String, Slot> slots = slots(PollTargets.calendar(turned, null), LocalDate.of(2026, 3, 1),
                INVITATIONS_AND_MORE);

        assertThat(slots.values()).extracting(Slot::eventUid).containsExactlyInAnyOrder("declined", "plain");
        assertThat(titles(slots)).containsOnly(BusyRules.HIDDEN_TITLE);
    }

    @Test
    void floatingTimesAndAllDayDates_areReadInTheUsersZone_whenTheCollectionNamesNone() {
        String floating = event("floating", "DTSTART:20260310T090000", "DTEND:20260310T100000", "SUMMARY:Gym");
        String allDay = event("all-day", "DTSTART;VALUE=DATE:20260310", "DTEND;VALUE=DATE:20260311", "SUMMARY:Off");
        LocalDate today = LocalDate.of(2026, 3, 1);

        Map<String, Slot> utc = slots(PollTargets.calendar(BusyRules.DEFAULT, null), today, floating, allDay);
        Map<String, Slot> newYork = slots(PollTargets.calendar(BusyRules.DEFAULT, "America/New_York"), today,
                floating, allDay);

        assertThat(utc.values()).extracting(Slot::start).containsExactlyInAnyOrder(
                Instant.parse("2026-03-10T09:00:00Z"), Instant.parse("2026-03-10T00:00:00Z"));
        // 10 March 2026 is after the US switch to daylight saving time (8 March): UTC-4
        assertThat(newYork.values()).extracting(Slot::start).containsExactlyInAnyOrder(
                Instant.parse("2026-03-10T13:00:00Z"), Instant.parse("2026-03-10T04:00:00Z"));
        assertThat(newYork.values()).filteredOn(Slot::allDay).extracting(Slot::startDate)
                .containsExactly(LocalDate.of(2026, 3, 10));
        // the same occurrences keep their slots: a zone change moves them, it does not replace them
        assertThat(newYork.keySet()).isEqualTo(utc.keySet());
    }

    @Test
    void theCollectionsOwnZoneWinsOverTheUsers() {
        String floating = event("floating", "DTSTART:20260310T090000", "DTEND:20260310T100000", "SUMMARY:Gym");

        Map<String, Slot> slots = slots(PollTargets.calendar(io.calsync.contracts.CalendarRole.PRIMARY,
                BusyRules.DEFAULT, "Europe/Berlin", "America/New_York"), LocalDate.of(2026, 3, 1), floating);

        assertThat(slots.values()).extracting(Slot::start).containsExactly(Instant.parse("2026-03-10T08:00:00Z"));
    }
}
