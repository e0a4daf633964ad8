package io.calsync.contracts;

/** What the booking platform publishes on {@link Topics#APPOINTMENTS}. */
public sealed interface AppointmentEvent extends CalsyncEvent
        permits AppointmentBooked, AppointmentRescheduled, AppointmentCancelled {

    String appointmentId();

    /** Increases with every change of one appointment; a lower revision than one already seen is stale. */
    long revision();

    @Override
    default String key() {
        return appointmentId();
    }
}
