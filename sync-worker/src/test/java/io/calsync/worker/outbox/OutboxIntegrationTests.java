package io.calsync.worker.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.calsync.contracts.CalendarRole;
import io.calsync.contracts.CalendarSyncState;
import io.calsync.contracts.CalendarSyncStatusReported;
import io.calsync.worker.WorkerIntegrationTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox against the real PostgreSQL and Kafka: only committed events leave, in the order written. */
class OutboxIntegrationTests extends WorkerIntegrationTest {

    private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

    @Autowired
    Outbox outbox;

    @Autowired
    TransactionTemplate transaction;

    private static CalendarSyncStatusReported status(String userId, int sequence, String note) {
        return new CalendarSyncStatusReported("acme", userId, UUID.nameUUIDFromBytes(userId.getBytes()).toString(), "cal",
                CalendarRole.CONFLICT, CalendarSyncState.OK, null, BASE.plusSeconds(sequence), note);
    }

    private static List<CalendarSyncStatusReported> received(String userId) {
        return KAFKA.events(CalendarSyncStatusReported.class).stream().filter(e -> e.userId().equals(userId)).toList();
    }

    @Test
    void onlyCommittedEventsAreSent_inTheOrderTheyWereWritten() {
        String userId = "outbox-" + UUID.randomUUID();
        transaction.executeWithoutResult(tx -> {
            outbox.append(status(userId, -1, "rolled back"));
            tx.setRollbackOnly();
        });
        transaction.executeWithoutResult(tx -> {
            for (int i = 0; i < 1500; i++) {
                outbox.append(status(userId, i, null));
            }
        });

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> received(userId).size() >= 1500);
        List<CalendarSyncStatusReported> received = received(userId);
        assertThat(received).hasSize(1500).noneMatch(e -> "rolled back".equals(e.error()));
        assertThat(received).extracting(CalendarSyncStatusReported::lastAttemptAt).isSorted();
    }

    @Test
    void outsideATransactionNothingIsWritten() {
        assertThatThrownBy(() -> outbox.append(status("outbox-" + UUID.randomUUID(), 0, null)))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inside the transaction");
    }
}
