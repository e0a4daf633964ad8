package io.calsync.worker.push;

import io.calsync.worker.domain.Appointment;
import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.Topics;
import io.calsync.contracts.wire.EventCodec;
import io.calsync.contracts.wire.InvalidEventException;
import io.calsync.service.kafka.StoreFailures;
import io.calsync.service.kafka.UnstorableRecordException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Consumes the platform's appointment events and records each one as desired state. Nothing here talks to
 * Apple, so the offset is committed as soon as the row is written. Unreadable records, and records whose values
 * PostgreSQL refuses, go to the dead-letter topic (see the Kafka error handler) and the ones after them are processed
 * as usual; a failure of PostgreSQL itself is retried until it passes, the partition waiting.
 */
@Component
class AppointmentListener {

    private static final Logger log = LoggerFactory.getLogger(AppointmentListener.class);

    private final EventCodec codec;
    private final DesiredStateStore store;
    private final PushDispatcher dispatcher;

    AppointmentListener(EventCodec codec, DesiredStateStore store, PushDispatcher dispatcher) {
        this.codec = codec;
        this.store = store;
        this.dispatcher = dispatcher;
    }

    @KafkaListener(id = "sync-worker-appointments", idIsGroup = false, topics = Topics.APPOINTMENTS)
    void onAppointment(ConsumerRecord<String, byte[]> record) {
        if (EventCodec.isTombstone(record)) {
            return;
        }
        if (!(codec.decode(record).data() instanceof AppointmentEvent event)) {
            throw new InvalidEventException("ce_type", "only appointment events belong on " + Topics.APPOINTMENTS);
        }
        boolean newer;
        try {
            newer = store.record(Appointment.of(event));
        } catch (RuntimeException e) {
            // PostgreSQL refusing the record's values is the record's fault; anything else is retried until it passes
            throw StoreFailures.isTheRecordsFault(e) ? new UnstorableRecordException(e) : e;
        }
        if (newer) {
            dispatcher.wake();
        } else {
            log.debug("Ignoring revision {} of appointment {}: a newer one is recorded", event.revision(), event.appointmentId());
        }
    }
}
