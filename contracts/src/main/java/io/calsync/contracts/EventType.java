package io.calsync.contracts;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type: its CloudEvents {@code type}, the record that carries it and the topic it travels on. */
public enum EventType {
    APPOINTMENT_BOOKED("io.calsync.appointment.booked.v1", AppointmentBooked.class, Topics.APPOINTMENTS),
    APPOINTMENT_RESCHEDULED("io.calsync.appointment.rescheduled.v1", AppointmentRescheduled.class, Topics.APPOINTMENTS),
    APPOINTMENT_CANCELLED("io.calsync.appointment.cancelled.v1", AppointmentCancelled.class, Topics.APPOINTMENTS),
    SLOT_BLOCKED("io.calsync.slot.blocked.v1", SlotBlocked.class, Topics.BLOCKED_SLOTS),
    SLOT_RELEASED("io.calsync.slot.released.v1", SlotReleased.class, Topics.BLOCKED_SLOTS),
    APPOINTMENT_SYNCED("io.calsync.appointment.synced.v1", AppointmentSynced.class, Topics.APPOINTMENT_SYNC),
    APPOINTMENT_SYNC_FAILED("io.calsync.appointment.sync-failed.v1", AppointmentSyncFailed.class, Topics.APPOINTMENT_SYNC),
    APPOINTMENT_SYNC_SKIPPED("io.calsync.appointment.sync-skipped.v1", AppointmentSyncSkipped.class, Topics.APPOINTMENT_SYNC),
    APPOINTMENT_DRIFTED("io.calsync.appointment.drifted.v1", AppointmentDrifted.class, Topics.APPOINTMENT_SYNC),
    INTEGRATION_STATUS_CHANGED("io.calsync.integration.status-changed.v1", IntegrationStatusChanged.class, Topics.INTEGRATIONS),
    CALENDAR_SYNC_STATUS("io.calsync.calendar.sync-status.v1", CalendarSyncStatusReported.class, Topics.INTEGRATIONS);

    private static final Map<String, EventType> BY_TYPE =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::recordType, Function.identity()));

    private final String ceType;
    private final Class<? extends CalsyncEvent> recordType;
    private final String topic;

    EventType(String ceType, Class<? extends CalsyncEvent> recordType, String topic) {
        this.ceType = ceType;
        this.recordType = recordType;
        this.topic = topic;
    }

    /** The CloudEvents {@code type} attribute, e.g. {@code io.calsync.appointment.booked.v1}. */
    public String ceType() {
        return ceType;
    }

    public Class<? extends CalsyncEvent> recordType() {
        return recordType;
    }

    public String topic() {
        return topic;
    }

    /** File name stem of this type's JSON Schema and golden sample, e.g. {@code appointment.booked.v1}. */
    public String fileStem() {
        return ceType.substring("io.calsync.".length());
    }

    public static Optional<EventType> ofCeType(String ceType) {
        return Optional.ofNullable(BY_TYPE.get(ceType));
    }

    public static EventType of(CalsyncEvent event) {
        return BY_CLASS.get(event.getClass());
    }
}
