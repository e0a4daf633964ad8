package io.calsync.worker.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.SkipReason;
import io.calsync.worker.domain.PushPlanner.Conflict;
import io.calsync.worker.domain.PushPlanner.FollowUp;
import java.net.URI;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The push path's decisions, one scenario each, without a calendar server or a database. */
class PushPlannerUnitTests {

    private static final Instant NINE = Instant.parse("2026-12-03T09:00:00Z");
    private final UUID work = UUID.randomUUID();
    private final UUID private_ = UUID.randomUUID();
    private final Map<UUID, AccountState> accounts = new HashMap<>(Map.of(work, AccountState.CONNECTED,
            private_, AccountState.CONNECTED));
    private final PrimaryCalendar workCalendar = new PrimaryCalendar(work, "work");
    private final WrittenEvent writtenInWork = new WrittenEvent(work, "work", URI.create("https://p01.icloud.test/work/a-1.ics"),
            "\"e1\"");

    private static Appointment appointment(long revision, boolean cancelled) {
        return new Appointment("acme", "u-1", "a-1", revision, cancelled, cancelled ? null : NINE,
                cancelled ? null : NINE.plusSeconds(1800), "UTC", cancelled ? null : "Consultation", null, null);
    }

    private PushStep plan(Appointment appointment, Long writtenRevision, WrittenEvent written, PrimaryCalendar primary) {
        return PushPlanner.plan(appointment, Optional.ofNullable(writtenRevision), Optional.ofNullable(written),
                Optional.ofNullable(primary), id -> accounts.getOrDefault(id, AccountState.DISCONNECTED));
    }

    @Test
    void book_createsInThePrimaryCalendar() {
        assertThat(plan(appointment(1, false), null, null, workCalendar)).isEqualTo(new PushStep.Create(workCalendar));
    }

    @Test
    void reschedule_updatesTheEventWrittenBefore() {
        assertThat(plan(appointment(2, false), 1L, writtenInWork, workCalendar)).isEqualTo(new PushStep.Update(writtenInWork));
    }

    @Test
    void cancel_deletesTheEventWrittenBefore() {
        assertThat(plan(appointment(2, true), 1L, writtenInWork, workCalendar)).isEqualTo(new PushStep.Delete(writtenInWork));
    }

    @Test
    void cancelOfAnAppointmentNeverWritten_isSkippedWithNothingToRemove() {
        assertThat(plan(appointment(2, true), null, null, workCalendar))
                .isEqualTo(new PushStep.Skip(SkipReason.NOTHING_TO_REMOVE));
    }

    @Test
    void a412OnCreate_adoptsTheEventCalsyncWroteBeforeACrash() {
        assertThat(PushPlanner.afterConflict(new PushStep.Create(workCalendar), Conflict.PRECONDITION_FAILED))
                .isEqualTo(FollowUp.ADOPT);
    }

    @Test
    void a412OnUpdate_overwritesTheEventChangedInICloud() {
        assertThat(PushPlanner.afterConflict(new PushStep.Update(writtenInWork), Conflict.PRECONDITION_FAILED))
                .isEqualTo(FollowUp.OVERWRITE);
    }

    @Test
    void a404OnUpdate_writesTheEventDeletedInICloudAgain() {
        assertThat(PushPlanner.afterConflict(new PushStep.Update(writtenInWork), Conflict.NOT_FOUND))
                .isEqualTo(FollowUp.WRITE_AGAIN);
    }

    @Test
    void a404OnDelete_isDone() {
        assertThat(PushPlanner.afterConflict(new PushStep.Delete(writtenInWork), Conflict.NOT_FOUND)).isEqualTo(FollowUp.DONE);
    }

    @Test
    void a404OnCreate_isAFailureNotSomethingToAdopt() {
        assertThat(PushPlanner.afterConflict(new PushStep.Create(workCalendar), Conflict.NOT_FOUND)).isEqualTo(FollowUp.FAIL);
    }

    @Test
    void primaryChanged_movesTheEventAndRemovesTheOldOne() {
        PrimaryCalendar privateCalendar = new PrimaryCalendar(private_, "home");
        assertThat(plan(appointment(1, false), 1L, writtenInWork, privateCalendar))
                .isEqualTo(new PushStep.Move(writtenInWork, privateCalendar, PushStep.RemoveOld.NOW));
    }

    @Test
    void primaryChangedAwayFromADisconnectedAccount_movesWithoutTouchingTheOldOne() {
        accounts.put(work, AccountState.DISCONNECTED);
        PrimaryCalendar privateCalendar = new PrimaryCalendar(private_, "home");
        assertThat(plan(appointment(1, false), 1L, writtenInWork, privateCalendar))
                .isEqualTo(new PushStep.Move(writtenInWork, privateCalendar, PushStep.RemoveOld.NEVER));
    }

    @Test
    void noPrimary_isSkipped() {
        assertThat(plan(appointment(1, false), null, null, null)).isEqualTo(new PushStep.Skip(SkipReason.NO_PRIMARY_CALENDAR));
    }

    @Test
    void accountPaused_everyStepInItWaits_cancellationsIncluded() {
        accounts.put(work, AccountState.NEEDS_REAUTH);
        PushStep waits = new PushStep.Wait(work, PushPlanner.PAUSED);
        assertThat(plan(appointment(1, false), null, null, workCalendar)).isEqualTo(waits);
        assertThat(plan(appointment(2, false), 1L, writtenInWork, workCalendar)).isEqualTo(waits);
        assertThat(plan(appointment(2, true), 1L, writtenInWork, workCalendar)).isEqualTo(waits);
    }

    @Test
    void primaryChangedAwayFromAPausedAccount_writesTheNewEventAndRemovesTheOldOneOnlyAfterReauthentication() {
        accounts.put(work, AccountState.NEEDS_REAUTH);
        PrimaryCalendar privateCalendar = new PrimaryCalendar(private_, "home");
        assertThat(plan(appointment(1, false), 1L, writtenInWork, privateCalendar))
                .isEqualTo(new PushStep.Move(writtenInWork, privateCalendar, PushStep.RemoveOld.AFTER_REAUTHENTICATION));
    }

    @Test
    void accountDisconnected_aCancellationIsSkippedWithoutCallingApple() {
        accounts.put(work, AccountState.DISCONNECTED);
        assertThat(plan(appointment(2, true), 1L, writtenInWork, null))
                .isEqualTo(new PushStep.Skip(SkipReason.ACCOUNT_DISCONNECTED));
    }

    @Test
    void olderOrRepeatedRevision_changesNothing() {
        assertThat(plan(appointment(2, false), 3L, writtenInWork, workCalendar)).isEqualTo(new PushStep.Nothing());
        assertThat(plan(appointment(3, false), 3L, writtenInWork, workCalendar)).isEqualTo(new PushStep.Nothing());
    }
}
