package io.calsync.worker.poll;

import io.calsync.worker.ical.EventStatus;
import io.calsync.worker.ical.Occurrence;
import io.calsync.worker.ical.PartStat;

/**
 * Which occurrences of a calendar block time, and what a slot may show. TRANSP:TRANSPARENT and STATUS:CANCELLED
 * never block; the rest is the calendar's setting. Pure.
 *
 * @param allDayBlocks all-day events block their days
 * @param tentativeBlocks events with STATUS:TENTATIVE (or the account's own answer TENTATIVE) block
 * @param declinedBlocks invitations the account declined block
 * @param unansweredBlocks invitations the account has not answered (PARTSTAT NEEDS-ACTION) block
 * @param showTitles slots carry the event's title; otherwise just "Busy"
 */
record BusyRules(boolean allDayBlocks, boolean tentativeBlocks, boolean declinedBlocks, boolean unansweredBlocks,
        boolean showTitles) {

    static final BusyRules DEFAULT = new BusyRules(true, true, false, true, true);
    static final String HIDDEN_TITLE = "Busy";

    /**
     * These rules as far as the operator allows: with {@code calsync.poll.include-titles=false} no calendar shows
     * titles, whatever its privacy setting.
     */
    BusyRules allowingTitles(boolean titlesAllowed) {
        return titlesAllowed || !showTitles ? this
                : new BusyRules(allDayBlocks, tentativeBlocks, declinedBlocks, unansweredBlocks, false);
    }

    boolean blocks(Occurrence occurrence) {
        if (occurrence.alwaysFree()) {
            return false;
        }
        if (occurrence.allDay() && !allDayBlocks) {
            return false;
        }
        boolean tentative = occurrence.status() == EventStatus.TENTATIVE || occurrence.ownPartStat() == PartStat.TENTATIVE;
        if (tentative && !tentativeBlocks) {
            return false;
        }
        return switch (occurrence.ownPartStat()) {
            case DECLINED -> declinedBlocks;
            case NEEDS_ACTION -> unansweredBlocks;
            default -> true;
        };
    }

    String title(Occurrence occurrence) {
        return showTitles ? occurrence.title() : HIDDEN_TITLE;
    }

    @Override
    public String toString() {
        return "allDay:" + allDayBlocks + ",tentative:" + tentativeBlocks + ",declined:" + declinedBlocks
                + ",unanswered:" + unansweredBlocks + ",titles:" + showTitles;
    }
}
