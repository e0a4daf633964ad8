package io.calsync.availability.ingest;

import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.contracts.CalsyncEvent;
import io.calsync.contracts.IntegrationStatusChanged;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import io.calsync.contracts.Topics;
import io.calsync.contracts.wire.EventCodec;
import io.calsync.contracts.wire.InvalidEventException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/** One listener per consumed topic; an event of a type that does not belong on the topic is unreadable. */
@Component
class TopicListeners {

    private final EventCodec codec;
    private final Materializer materializer;

    TopicListeners(EventCodec codec, Materializer materializer) {
        this.codec = codec;
        this.materializer = materializer;
    }

    @KafkaListener(id = "availability-appointments", idIsGroup = false, topics = Topics.APPOINTMENTS)
    void onAppointment(ConsumerRecord<String, byte[]> record) {
        if (!EventCodec.isTombstone(record)) {
            materializer.apply(expect(record, AppointmentEvent.class));
        }
    }

    @KafkaListener(id = "availability-blocked-slots", idIsGroup = false, topics = Topics.BLOCKED_SLOTS)
    void onBlockedSlot(ConsumerRecord<String, byte[]> record) {
        if (EventCodec.isTombstone(record)) {
            if (record.key() != null) {
                materializer.forgetSlot(record.key());
            }
            return;
        }
        CalsyncEvent event = codec.decode(record).data();
        if (event instanceof SlotBlocked blocked) {
            materializer.apply(blocked);
        } else if (event instanceof SlotReleased released) {
            materializer.apply(released);
        } else {
            throw wrongTopic(event, record.topic());
        }
    }

    @KafkaListener(id = "availability-integrations", idIsGroup = false, topics = Topics.INTEGRATIONS)
    void onIntegration(ConsumerRecord<String, byte[]> record) {
        if (EventCodec.isTombstone(record)) {
            return;
        }
        CalsyncEvent event = codec.decode(record).data();
        if (event instanceof CalendarSyncStatusReported status) {
            materializer.apply(status);
        } else if (event instanceof IntegrationStatusChanged change) {
            materializer.apply(change);
        } else {
            throw wrongTopic(event, record.topic());
        }
    }

    private <T extends CalsyncEvent> T expect(ConsumerRecord<String, byte[]> record, Class<T> type) {
        CalsyncEvent event = codec.decode(record).data();
        if (!type.isInstance(event)) {
            throw wrongTopic(event, record.topic());
        }
        return type.cast(event);
    }

    private static InvalidEventException wrongTopic(CalsyncEvent event, String topic) {
        return new InvalidEventException("ce_type", event.type().ceType() + " does not belong on " + topic);
    }
}
