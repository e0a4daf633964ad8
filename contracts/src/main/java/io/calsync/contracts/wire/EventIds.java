package io.calsync.contracts.wire;

import io.calsync.contracts.AppointmentDrifted;
import io.calsync.contracts.AppointmentSyncFailed;
import io.calsync.contracts.AppointmentSyncSkipped;
import io.calsync.contracts.AppointmentSynced;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.CalsyncEvent;
import io.calsync.contracts.IntegrationStatusChanged;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CloudEvents ids derived from what an event reports, so that the same report made twice (work redone after a
 * crash, a record sent again) carries the same id and a consumer can drop the duplicate: an outcome of pushing an
 * appointment by appointment, revision and outcome; a drift by appointment, resource and what changed; an account's
 * status by account, status and when it changed; a calendar's sync status by calendar, state and sync times.
 * Slot events have none: the same slot may be blocked again with the same content after a release, and that is
 * news (their at-least-once re-sends come from one stored outbox row, so they repeat their id anyway).
 */
public final class EventIds {

    private EventIds() {
    }

    /** The stable id of {@code event}, or empty when its kind has none. */
    public static Optional<String> of(CalsyncEvent event) {
        Object[] parts = parts(event);
        if (parts == null) {
            return Optional.empty();
        }
        String name = Stream.concat(Stream.of(event.type().ceType()), Stream.of(parts))
                .map(part -> Objects.toString(part, "")).collect(Collectors.joining("\n"));
        return Optional.of(UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString());
    }

    private static Object[] parts(CalsyncEvent event) {
        if (event instanceof AppointmentSynced e) {
            return new Object[] {e.tenantId(), e.appointmentId(), e.revision(), e.action(), e.accountId(),
                    e.calendarId(), e.href()};
        } else if (event instanceof AppointmentSyncFailed e) {
            return new Object[] {e.tenantId(), e.appointmentId(), e.revision(), e.reason(), e.willRetry()};
        } else if (event instanceof AppointmentSyncSkipped e) {
            return new Object[] {e.tenantId(), e.appointmentId(), e.revision(), e.reason()};
        } else if (event instanceof AppointmentDrifted e) {
            return new Object[] {e.tenantId(), e.appointmentId(), e.accountId(), e.calendarId(), e.href(), e.detail()};
        } else if (event instanceof IntegrationStatusChanged e) {
            return new Object[] {e.tenantId(), e.accountId(), e.status(), e.reason(), e.changedAt()};
        } else if (event instanceof CalendarSyncStatusReported e) {
            return new Object[] {e.tenantId(), e.accountId(), e.calendarId(), e.state(), e.lastSuccessAt(),
                    e.lastAttemptAt(), e.error(), e.slotDigest()};
        }
        return null;
    }
}
