package io.calsync.worker.ical;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.worker.domain.Appointment;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AppointmentCalendarUnitTests {

    static final Appointment BOOKED = new Appointment("acme", "user-42", "appt-7f3c", 3, false,
            Instant.parse("2026-12-01T09:00:00Z"), Instant.parse("2026-12-01T09:30:00Z"), "Europe/Berlin",
            "Consultation, Jane Doe", "Booked online;\nsecond line", "Office 3");
    static final Instant STAMP = Instant.parse("2026-11-23T10:15:00Z");

    @Test
    void matchesTheGoldenFile() {
        String expected = EventOccurrencesUnitTests.ics("golden/appointment-booked.ics");

        assertThat(AppointmentCalendar.toICalendar(BOOKED, STAMP)).isEqualTo(expected);
    }

    @Test
    void hasWhatICloudNeedsAndNothingThatSendsInvitations() {
        String ics = AppointmentCalendar.toICalendar(BOOKED, STAMP);

        assertThat(ics).contains("\r\n").contains("DTSTART;TZID=Europe/Berlin:20261201T100000")
                .contains("DTEND;TZID=Europe/Berlin:20261201T103000").contains("BEGIN:VTIMEZONE")
                .contains("TZID:Europe/Berlin").contains("SEQUENCE:3")
                .contains("X-CALSYNC-APPOINTMENT-ID:appt-7f3c").contains("SUMMARY:Consultation\\, Jane Doe");
        assertThat(ics).doesNotContain("METHOD").doesNotContain("ORGANIZER").doesNotContain("ATTENDEE");
    }

    @Test
    void theUidIsStableAcrossRevisionsAndDiffersPerTenant() {
        assertThat(AppointmentCalendar.uidOf("acme", "appt-7f3c")).isEqualTo(AppointmentCalendar.uidOf("acme", "appt-7f3c"))
                .startsWith(AppointmentCalendar.UID_PREFIX)
                .isNotEqualTo(AppointmentCalendar.uidOf("other", "appt-7f3c"));
    }

    @Test
    void whatItWritesReadsBackAsTheSameInterval() {
        List<Occurrence> read = EventOccurrences.expand(AppointmentCalendar.toICalendar(BOOKED, STAMP),
                Instant.parse("2026-11-01T00:00:00Z"), Instant.parse("2027-01-01T00:00:00Z")).occurrences();

        assertThat(read).singleElement().satisfies(o -> {
            assertThat(o.start()).isEqualTo(BOOKED.start());
            assertThat(o.end()).isEqualTo(BOOKED.end());
            assertThat(o.uid()).isEqualTo(AppointmentCalendar.uidOf("acme", "appt-7f3c"));
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"Europe/Berlin", "America/New_York", "Australia/Sydney", "Asia/Tokyo", "Asia/Kolkata",
        "America/Sao_Paulo", "Pacific/Chatham"})
    void theCompactTimeZoneReadsBackToTheSameInstants_inSummerAndInWinter(String zone) {
        for (Instant start : List.of(Instant.parse("2027-01-15T09:00:00Z"), Instant.parse("2027-07-15T09:00:00Z"))) {
            Appointment appointment = new Appointment("acme", "u", "a-" + zone, 1, false, start, start.plusSeconds(3600),
                    zone, "t", null, null);
            String ics = AppointmentCalendar.toICalendar(appointment, STAMP);

            List<Occurrence> read = EventOccurrences.expand(ics, start.minusSeconds(86_400), start.plusSeconds(86_400))
                    .occurrences();

            assertThat(read).as(zone + " " + start).singleElement().extracting(Occurrence::start).isEqualTo(start);
            assertThat(ics.split("BEGIN:STANDARD|BEGIN:DAYLIGHT", -1).length - 1).as("observances").isBetween(1, 2);
            assertThat(ics).doesNotContain("RDATE");
        }
    }

    @Test
    void aFixedOffsetZoneIsWrittenInUtc() {
        Appointment offset = new Appointment("acme", "u", "a", 1, false, BOOKED.start(), BOOKED.end(), "UTC",
                "t", null, null);

        assertThat(AppointmentCalendar.toICalendar(offset, STAMP)).contains("DTEND");
    }
}
