package io.calsync.availability.ingest;

import io.calsync.service.kafka.StoreFailures;
import io.calsync.service.kafka.UnstorableRecordException;
import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.contracts.AppointmentBooked;
import io.calsync.contracts.AppointmentCancelled;
import io.calsync.contracts.AppointmentEvent;
import io.calsync.contracts.AppointmentRescheduled;
import io.calsync.contracts.ReleaseReason;
import io.calsync.contracts.SlotBlocked;
import io.calsync.contracts.SlotReleased;
import io.calsync.contracts.SlotSource;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

/** A batch folds to what applying its records one by one would leave; failures that pass are told from the rest. */
class BatchFoldingUnitTests {

    private static final Instant NINE = Instant.parse("2026-12-01T09:00:00Z");

    @Test
    void theHighestRevisionWins_andACancellationKeepsTheTimesOfTheRevisionsBefore() {
        List<AppointmentEvent> batch = List.of(
                new AppointmentBooked("t", "u", "a", 1, NINE, NINE.plusSeconds(60), "UTC", "v1", null, null),
                new AppointmentRescheduled("t", "u", "a", 3, NINE.plusSeconds(600), NINE.plusSeconds(900), "UTC", "v3", null, null),
                new AppointmentRescheduled("t", "u", "a", 2, NINE, NINE.plusSeconds(30), "UTC", "v2 late", null, null),
                new AppointmentCancelled("t", "u", "a", 4, "gone"),
                new AppointmentBooked("t", "u", "b", 1, NINE, NINE.plusSeconds(60), "UTC", "other", null, null));

        assertThat(AppointmentState.fold(batch)).containsExactly(
                new AppointmentState("t", "a", "u", 4, true, NINE.plusSeconds(600), NINE.plusSeconds(900), "v3"),
                new AppointmentState("t", "b", "u", 1, false, NINE, NINE.plusSeconds(60), "other"));
    }

    @Test
    void eachSlotsLastChangeWins() {
        SlotBlocked first = new SlotBlocked("t", "u", "s", SlotSource.NATIVE, null, NINE, NINE.plusSeconds(60), false, "a");
        SlotBlocked again = new SlotBlocked("t", "u", "s", SlotSource.NATIVE, null, NINE, NINE.plusSeconds(90), false, "b");

        assertThat(SlotChange.lastOfEach(List.of(SlotChange.of(first), SlotChange.forgotten("s"), SlotChange.of(again),
                SlotChange.of(new SlotReleased("t", "u", "x", ReleaseReason.EVENT_REMOVED)))))
                .containsExactly(SlotChange.of(again), SlotChange.forgotten("x"));
    }

    @Test
    void onlyARefusedValueIsTheRecordsFault_connectionTroubleAndTheUnknownAreRetried() {
        assertThat(StoreFailures.isTheRecordsFault(new DataIntegrityViolationException("too long",
                new SQLException("value too long", "22001")))).isTrue();
        assertThat(StoreFailures.isTheRecordsFault(new RuntimeException(new SQLException("duplicate", "23505")))).isTrue();
        assertThat(StoreFailures.isTheRecordsFault(new CannotGetJdbcConnectionException("pool",
                new SQLTransientConnectionException("timeout")))).isFalse();
        assertThat(StoreFailures.isTheRecordsFault(new RuntimeException(new SQLException("terminating", "57P01")))).isFalse();
        assertThat(StoreFailures.isTheRecordsFault(new IllegalStateException("unknown"))).isFalse();
        // the rollback of a batch that failed on a dead connection fails too: the batch's own failure decides
        TransactionSystemException rollback = new TransactionSystemException("rollback failed",
                new SQLException("This connection has been closed."));
        rollback.initApplicationException(new RuntimeException(new SQLException("i/o", "08006")));
        assertThat(StoreFailures.isTheRecordsFault(rollback)).isFalse();
    }
}
