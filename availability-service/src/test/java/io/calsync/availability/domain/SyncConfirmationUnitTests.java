package io.calsync.availability.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SyncConfirmationUnitTests {

    private static final Instant T1 = Instant.parse("2026-12-01T10:00:00Z");
    private static final Instant T2 = T1.plusSeconds(60);

    @Test
    void aSyncWhoseSlotsAreNotAllHereIsPendingUntilTheyAre() {
        SyncConfirmation pending = SyncConfirmation.NONE.report(T1, "2:aa", "1:bb");

        assertThat(pending.confirmed()).isNull();
        assertThat(pending.settle("1:cc")).isEqualTo(pending);
        assertThat(pending.settle("2:aa")).isEqualTo(new SyncConfirmation(T1, "2:aa", null, null));
    }

    @Test
    void aSyncWhoseSlotsAreHereIsConfirmedAtOnce_andOneWithoutDigestIsBelieved() {
        assertThat(SyncConfirmation.NONE.report(T1, "2:aa", "2:aa").confirmed()).isEqualTo(T1);
        assertThat(SyncConfirmation.NONE.report(T1, "2:aa", "1:bb").report(T2, null, null))
                .isEqualTo(new SyncConfirmation(T2, null, null, null));
    }

    @Test
    void theLastConfirmedSyncIsQuotedWhileALaterOneIsPending_andNeverMovesBack() {
        SyncConfirmation confirmed = new SyncConfirmation(T2, "2:aa", null, null);

        assertThat(confirmed.report(T2.plusSeconds(60), "3:cc", "2:aa").confirmed()).isEqualTo(T2);
        assertThat(confirmed.report(T1, "1:dd", "1:dd")).isEqualTo(confirmed);
        assertThat(confirmed.report(null, "1:dd", "1:dd")).isEqualTo(confirmed);
    }

    @Test
    void aNewerPendingSyncReplacesAnOlderOne() {
        SyncConfirmation pending = SyncConfirmation.NONE.report(T1, "2:aa", "0:00").report(T2, "3:bb", "0:00");

        assertThat(pending.pending()).isEqualTo(T2);
        assertThat(pending.settle("2:aa").confirmed()).isNull();
        assertThat(pending.settle("3:bb").confirmed()).isEqualTo(T2);
    }
}
