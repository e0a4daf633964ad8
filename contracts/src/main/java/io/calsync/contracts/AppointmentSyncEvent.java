package io.calsync.contracts;

/** What the sync-worker reports on {@link Topics#APPOINTMENT_SYNC} about pushing one appointment to iCloud. */
public sealed interface AppointmentSyncEvent extends CalsyncEvent
        permits AppointmentSynced, AppointmentSyncFailed, AppointmentSyncSkipped, AppointmentDrifted {

    String appointmentId();

    @Override
    default String key() {
        return appointmentId();
    }
}
