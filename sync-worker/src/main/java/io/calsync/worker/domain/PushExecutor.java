package io.calsync.worker.domain;

import io.calsync.contracts.SyncAction;
import io.calsync.service.failure.Failure;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Carries one {@link PushStep} out over the {@link CalendarWriter} port and says what it came to: create
 * ({@code If-None-Match: *}, adopting the resource a crash left behind), update ({@code If-Match}, overwriting what
 * changed in iCloud or writing again what was deleted there, as {@link PushPlanner#afterConflict} says), move, delete.
 * Holds no state and knows no thread, lease, transaction or HTTP: a failure of the port leaves as the port's exception.
 */
public final class PushExecutor {

    private PushExecutor() {
    }

    public static PushResult execute(Appointment appointment, PushStep step, CalendarWriter calendar) {
        if (step instanceof PushStep.Skip skip) {
            return new PushResult.Skipped(skip.reason());
        }
        if (step instanceof PushStep.Wait wait) {
            return new PushResult.Waiting(wait.account(), wait.reason());
        }
        if (step instanceof PushStep.Nothing) {
            return new PushResult.Unchanged();
        }
        if (step instanceof PushStep.Delete delete) {
            calendar.delete(delete.event().accountId(), delete.event().href());
            return new PushResult.Removed(delete.event());
        }
        if (step instanceof PushStep.Update update) {
            return overwrite(appointment, update, calendar);
        }
        if (step instanceof PushStep.Create create) {
            return createOrAdopt(appointment, step, create.target(), calendar);
        }
        PushStep.Move move = (PushStep.Move) step;
        PushResult created = createOrAdopt(appointment, step, move.to(), calendar);
        if (!(created instanceof PushResult.Written written)) {
            return created;
        }
        return switch (move.removeOld()) {
            // still recorded in the old calendar: the move is finished (the old event removed) after re-authentication
            case AFTER_REAUTHENTICATION -> new PushResult.Waiting(move.from().accountId(), PushPlanner.PAUSED);
            case NOW -> {
                calendar.delete(move.from().accountId(), move.from().href());
                yield new PushResult.Written(SyncAction.MOVED, written.event(), List.of());
            }
            case NEVER -> new PushResult.Written(SyncAction.MOVED, written.event(), List.of());
        };
    }

    /** A 412 on create means the resource exists: written by calsync before a crash lost the record of it (adopt). */
    private static PushResult createOrAdopt(Appointment appointment, PushStep step, PrimaryCalendar target,
            CalendarWriter calendar) {
        URI href = calendar.locate(target, appointment);
        CalendarWriter.Put put = calendar.put(target.accountId(), href, Optional.empty(), appointment);
        if (put instanceof CalendarWriter.Put.Conflicted conflicted) {
            if (PushPlanner.afterConflict(step, conflicted.conflict()) != PushPlanner.FollowUp.ADOPT) {
                return new PushResult.Failed(new Failure.Refused("iCloud refused to create the event at " + href
                        + " (" + conflicted.conflict() + ")"));
            }
            put = calendar.put(target.accountId(), href, calendar.etag(target.accountId(), href), appointment);
        }
        return written(SyncAction.CREATED, target.accountId(), target.calendarId(), put, List.of());
    }

    /**
     * Update in place ({@code If-Match}); if the event changed or vanished in iCloud, the platform's version wins and
     * the platform hears of it (a drift): overwrite it, or write it again.
     */
    private static PushResult overwrite(Appointment appointment, PushStep.Update update, CalendarWriter calendar) {
        WrittenEvent event = update.event();
        CalendarWriter.Put put = calendar.put(event.accountId(), event.href(), Optional.ofNullable(event.etag()),
                appointment);
        List<PushResult.Drift> drifts = List.of();
        if (put instanceof CalendarWriter.Put.Conflicted conflicted) {
            Optional<String> current = PushPlanner.afterConflict(update, conflicted.conflict())
                    == PushPlanner.FollowUp.OVERWRITE ? calendar.etag(event.accountId(), event.href()) : Optional.empty();
            drifts = List.of(new PushResult.Drift(event, current.isEmpty()));
            put = calendar.put(event.accountId(), event.href(), current, appointment);
        }
        return written(SyncAction.UPDATED, event.accountId(), event.calendarId(), put, drifts);
    }

    /** A second conflict in a row: the event changed again while calsync wrote it; tried again later. */
    private static PushResult written(SyncAction action, UUID account, String calendarId,
            CalendarWriter.Put put, List<PushResult.Drift> drifts) {
        if (put instanceof CalendarWriter.Put.Written written) {
            return new PushResult.Written(action, new WrittenEvent(account, calendarId, written.href(), written.etag()),
                    drifts);
        }
        return new PushResult.Failed(new Failure.Unavailable("the event changed in iCloud again while calsync wrote it"
                + " (" + ((CalendarWriter.Put.Conflicted) put).conflict() + ")"));
    }
}
