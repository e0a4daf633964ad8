package io.calsync.worker.poll;

import static org.assertj.core.api.Assertions.assertThat;

import io.calsync.worker.ical.EventStatus;
import io.calsync.worker.ical.Occurrence;
import io.calsync.worker.ical.PartStat;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** What each busy rule decides, and the operator's switch that hides every title. */
class BusyRulesUnitTests {

    private static Occurrence timed(EventStatus status, PartStat own) {
        return new Occurrence("uid", null, Instant.parse("2026-03-10T10:00:00Z"), Instant.parse("2026-03-10T11:00:00Z"),
                false, null, null, status, false, own, "Review");
    }

    @Test
    void theAccountsOwnTentativeAnswerCountsAsTentative() {
        BusyRules noTentative = new BusyRules(true, false, false, true, true);

        assertThat(noTentative.blocks(timed(EventStatus.CONFIRMED, PartStat.TENTATIVE))).isFalse();
        assertThat(noTentative.blocks(timed(EventStatus.TENTATIVE, PartStat.NOT_INVITED))).isFalse();
        assertThat(noTentative.blocks(timed(EventStatus.CONFIRMED, PartStat.ACCEPTED))).isTrue();
        assertThat(BusyRules.DEFAULT.blocks(timed(EventStatus.CONFIRMED, PartStat.TENTATIVE))).isTrue();
    }

    @Test
    void cancelledEventsNeverBlock_whateverTheRules() {
        BusyRules everything = new BusyRules(true, true, true, true, true);

        assertThat(everything.blocks(timed(EventStatus.CANCELLED, PartStat.ACCEPTED))).isFalse();
    }

    @Test
    void titlesHiddenByTheOperator_hideThemForCalendarsThatShowTitles() {
        Occurrence review = timed(EventStatus.CONFIRMED, PartStat.NOT_INVITED);

        assertThat(BusyRules.DEFAULT.allowingTitles(false).title(review)).isEqualTo(BusyRules.HIDDEN_TITLE);
        assertThat(BusyRules.DEFAULT.allowingTitles(true).title(review)).isEqualTo("Review");
        BusyRules busyOnly = new BusyRules(true, true, false, true, false);
        assertThat(busyOnly.allowingTitles(true).title(review)).isEqualTo(BusyRules.HIDDEN_TITLE);
    }

    @Test
    void hidingTitlesChangesWhatTheSlotsWerePublishedWith_soTheyAreRepublished() {
        PollTarget target = PollTargets.calendar(BusyRules.DEFAULT, null);

        PollTarget hidden = target.withSettings(target.role(), target.rules().allowingTitles(false), target.userZone());

        assertThat(hidden.computation()).isNotEqualTo(target.computation());
    }
}
