package io.calsync.contracts;

/** Every calsync event: it belongs to one user of one tenant and knows the Kafka key it travels under. */
public sealed interface CalsyncEvent permits AppointmentEvent, SlotEvent, AppointmentSyncEvent, IntegrationEvent {

    String tenantId();

    String userId();

    /** The Kafka record key; records with the same key stay in order. */
    String key();

    default EventType type() {
        return EventType.of(this);
    }
}
