package io.calsync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.SkipReason;
import io.calsync.contracts.SyncAction;
import io.calsync.service.failure.Failure;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each step carried out over an in-memory Primary Calendar: what it writes, and what it came to. */
class PushExecutorUnitTests {

    private static final Instant NINE = Instant.parse("2026-12-03T09:00:00Z");
    private final UUID work = UUID.randomUUID();
    private final UUID private_ = UUID.randomUUID();
    private final PrimaryCalendar workCalendar = new PrimaryCalendar(work, "work");
    private final PrimaryCalendar privateCalendar = new PrimaryCalendar(private_, "private");
    private final InMemoryCalendars calendars = new InMemoryCalendars();
    private final Appointment booked = new Appointment("acme", "u-1", "a-1", 1, false, NINE, NINE.plusSeconds(1800),
            "UTC", "Consultation", null, null);
    private final Appointment rescheduled = new Appointment("acme", "u-1", "a-1", 2, false, NINE.plusSeconds(3600),
            NINE.plusSeconds(5400), "UTC", "Consultation", null, null);
    private final Appointment cancelled = new Appointment("acme", "u-1", "a-1", 3, true, null, null, null, null, null,
            null);

    private PushResult execute(Appointment appointment, PushStep step) {
        return PushExecutor.execute(appointment, step, calendars);
    }

    private WrittenEvent bookedInWork() {
        PushResult.Written written = (PushResult.Written) execute(booked, new PushStep.Create(workCalendar));
        calendars.calls.clear();
        return written.event();
    }

    @Test
    void book_createsTheEventOnlyWhereNoneIs() {
        PushResult result = execute(booked, new PushStep.Create(workCalendar));

        URI href = calendars.locate(workCalendar, booked);
        assertThat(result).isEqualTo(new PushResult.Written(SyncAction.CREATED,
                new WrittenEvent(work, "work", href, "\"1\""), List.of()));
        assertThat(calendars.calls).containsExactly("PUT If-None-Match " + href);
        assertThat(calendars.events.get(href)).isEqualTo(booked);
    }

    @Test
    void reschedule_updatesTheEventIfItStillHasItsEtag() {
        WrittenEvent event = bookedInWork();

        PushResult result = execute(rescheduled, new PushStep.Update(event));

        assertThat(result).isEqualTo(new PushResult.Written(SyncAction.UPDATED,
                new WrittenEvent(work, "work", event.href(), "\"2\""), List.of()));
        assertThat(calendars.calls).containsExactly("PUT If-Match \"1\" " + event.href());
        assertThat(calendars.events.get(event.href())).isEqualTo(rescheduled);
    }

    @Test
    void cancel_deletesTheEvent() {
        WrittenEvent event = bookedInWork();

        assertThat(execute(cancelled, new PushStep.Delete(event))).isEqualTo(new PushResult.Removed(event));
        assertThat(calendars.events).isEmpty();
    }

    @Test
    void a404OnDelete_countsAsRemoved() {
        WrittenEvent event = bookedInWork();
        calendars.deletedOnThePhone(event.href());

        assertThat(execute(cancelled, new PushStep.Delete(event))).isEqualTo(new PushResult.Removed(event));
    }

    @Test
    void a412OnCreate_adoptsTheEventACrashLeftBehind() {
        calendars.putOnThePhone(calendars.locate(workCalendar, booked), booked);

        PushResult result = execute(booked, new PushStep.Create(workCalendar));

        URI href = calendars.locate(workCalendar, booked);
        assertThat(result).isInstanceOfSatisfying(PushResult.Written.class, written -> {
            assertThat(written.action()).isEqualTo(SyncAction.CREATED);
            assertThat(written.drifts()).isEmpty();
        });
        assertThat(calendars.calls).containsExactly("PUT If-None-Match " + href, "PROPFIND " + href,
                "PUT If-Match \"phone-1\" " + href);
    }

    @Test
    void a412OnUpdate_overwritesWhatChangedInICloudAndReportsTheDrift() {
        WrittenEvent event = bookedInWork();
        calendars.putOnThePhone(event.href(), cancelled);

        PushResult result = execute(rescheduled, new PushStep.Update(event));

        assertThat(result).isInstanceOfSatisfying(PushResult.Written.class, written -> {
            assertThat(written.action()).isEqualTo(SyncAction.UPDATED);
            assertThat(written.drifts()).containsExactly(new PushResult.Drift(event, false));
        });
        assertThat(calendars.events.get(event.href())).isEqualTo(rescheduled);
    }

    @Test
    void a404OnUpdate_writesTheEventAgainAndReportsTheDrift() {
        WrittenEvent event = bookedInWork();
        calendars.deletedOnThePhone(event.href());

        PushResult result = execute(rescheduled, new PushStep.Update(event));

        assertThat(result).isInstanceOfSatisfying(PushResult.Written.class,
                written -> assertThat(written.drifts()).containsExactly(new PushResult.Drift(event, true)));
        assertThat(calendars.calls).containsExactly("PUT If-Match \"1\" " + event.href(),
                "PUT If-None-Match " + event.href());
        assertThat(calendars.events.get(event.href())).isEqualTo(rescheduled);
    }

    @Test
    void aSecondConflictInARow_isRetriedLaterNotGivenUp() {
        WrittenEvent event = bookedInWork();
        calendars.putOnThePhone(event.href(), cancelled);
        calendars.changeOnEveryRead = true;

        PushResult result = execute(rescheduled, new PushStep.Update(event));

        assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class,
                failed -> assertThat(failed.failure()).isInstanceOf(Failure.Unavailable.class));
    }

    @Test
    void primaryChanged_writesIntoTheNewCalendarThenRemovesTheOldEvent() {
        WrittenEvent old = bookedInWork();

        PushResult result = execute(rescheduled, new PushStep.Move(old, privateCalendar, PushStep.RemoveOld.NOW));

        URI moved = calendars.locate(privateCalendar, rescheduled);
        assertThat(result).isEqualTo(new PushResult.Written(SyncAction.MOVED,
                new WrittenEvent(private_, "private", moved, "\"2\""), List.of()));
        assertThat(calendars.events).containsOnlyKeys(moved);
        assertThat(calendars.calls).containsExactly("PUT If-None-Match " + moved, "DELETE " + old.href());
    }

    @Test
    void primaryChangedWhileTheOldAccountIsPaused_writesTheNewEventAndWaitsToRemoveTheOld() {
        WrittenEvent old = bookedInWork();

        PushResult result = execute(rescheduled,
                new PushStep.Move(old, privateCalendar, PushStep.RemoveOld.AFTER_REAUTHENTICATION));

        assertThat(result).isEqualTo(new PushResult.Waiting(work, PushPlanner.PAUSED));
        assertThat(calendars.calls).containsExactly("PUT If-None-Match " + calendars.locate(privateCalendar, rescheduled));
    }

    @Test
    void primaryChangedFromADisconnectedAccount_leavesTheOldEventAlone() {
        WrittenEvent old = bookedInWork();

        PushResult result = execute(rescheduled, new PushStep.Move(old, privateCalendar, PushStep.RemoveOld.NEVER));

        assertThat(result).isInstanceOfSatisfying(PushResult.Written.class,
                written -> assertThat(written.action()).isEqualTo(SyncAction.MOVED));
        assertThat(calendars.events).containsKey(old.href());
    }

    @Test
    void aCreateIntoACalendarThatIsGone_isRefused() {
        calendars.goneCalendars.add("work");

        PushResult result = execute(booked, new PushStep.Create(workCalendar));

        assertThat(result).isInstanceOfSatisfying(PushResult.Failed.class,
                failed -> assertThat(failed.failure()).isInstanceOf(Failure.Refused.class));
    }

    @Test
    void skipWaitAndNothing_callNothing() {
        assertThat(execute(booked, new PushStep.Skip(SkipReason.NO_PRIMARY_CALENDAR)))
                .isEqualTo(new PushResult.Skipped(SkipReason.NO_PRIMARY_CALENDAR));
        assertThat(execute(booked, new PushStep.Wait(work, PushPlanner.PAUSED)))
                .isEqualTo(new PushResult.Waiting(work, PushPlanner.PAUSED));
        assertThat(execute(booked, new PushStep.Nothing())).isEqualTo(new PushResult.Unchanged());
        assertThat(calendars.calls).isEmpty();
    }

    /** Calendars as CalDAV keeps them: resources by href with a counter for an ETag, conditional writes. */
    private static final class InMemoryCalendars implements CalendarWriter {
        final Map<URI, Appointment> events = new HashMap<>();
        final Map<URI, String> etags = new HashMap<>();
        final List<String> calls = new ArrayList<>();
        final Set<String> goneCalendars = new HashSet<>();
        boolean changeOnEveryRead;
        private int version;

        @Override
        public URI locate(PrimaryCalendar calendar, Appointment appointment) {
            return URI.create("https://p01.icloud.test/" + calendar.calendarId() + "/" + appointment.appointmentId()
                    + ".ics");
        }

        @Override
        public Put put(UUID account, URI href, Optional<String> etag, Appointment appointment) {
            calls.add(etag.map(e -> "PUT If-Match " + e + " ").orElse("PUT If-None-Match ") + href);
            if (goneCalendars.stream().anyMatch(calendar -> href.getPath().startsWith("/" + calendar + "/"))) {
                return new Put.Conflicted(PushPlanner.Conflict.NOT_FOUND);
            }
            if (etag.isEmpty() ? events.containsKey(href) : !etag.get().equals(etags.get(href))) {
                return new Put.Conflicted(etag.isPresent() && !events.containsKey(href) ? PushPlanner.Conflict.NOT_FOUND
                        : PushPlanner.Conflict.PRECONDITION_FAILED);
            }
            events.put(href, appointment);
            etags.put(href, "\"" + ++version + "\"");
            return new Put.Written(href, etags.get(href));
        }

        @Override
        public Optional<String> etag(UUID account, URI href) {
            calls.add("PROPFIND " + href);
            Optional<String> etag = Optional.ofNullable(etags.get(href));
            if (changeOnEveryRead && events.containsKey(href)) {
                etags.put(href, "\"" + ++version + "\"");
            }
            return etag;
        }

        @Override
        public void delete(UUID account, URI href) {
            calls.add("DELETE " + href);
            events.remove(href);
            etags.remove(href);
        }

        void putOnThePhone(URI href, Appointment appointment) {
            events.put(href, appointment);
            etags.put(href, "\"phone-" + ++version + "\"");
        }

        void deletedOnThePhone(URI href) {
            events.remove(href);
            etags.remove(href);
        }
    }
}
