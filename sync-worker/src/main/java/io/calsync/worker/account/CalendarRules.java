package io.calsync.worker.account;

import io.swagger.v3.oas.annotations.media.Schema;

/**
 * What of one selected calendar blocks time, and what its slots show (issue 9, per-calendar busy rules).
 * TRANSP:TRANSPARENT and STATUS:CANCELLED never block, whatever these say. In a request every field may be left
 * out: it then takes its default ({@link #DEFAULT}); in an answer every field is given.
 */
@Schema(description = "Busy rules of one calendar; a field left out takes its default")
public record CalendarRules(
        @Schema(description = "All-day events block their days (unless TRANSP:TRANSPARENT). Default true")
        Boolean allDayEventsBlock,
        @Schema(description = "Tentative events (STATUS:TENTATIVE, or the account's own answer TENTATIVE) block. Default true")
        Boolean tentativeEventsBlock,
        @Schema(description = "Invitations the account declined block. Default false")
        Boolean declinedInvitationsBlock,
        @Schema(description = "Invitations the account has not answered (PARTSTAT NEEDS-ACTION) block. Default true")
        Boolean unansweredInvitationsBlock,
        @Schema(description = "TITLES: slots carry the event's title; BUSY: just \"Busy\". Default TITLES")
        Privacy privacy) {

    /** What a blocked slot of the calendar shows. */
    public enum Privacy {
        /** the event's title (the platform shows iCloud events in its calendar) */
        TITLES,
        /** just "Busy" */
        BUSY
    }

    public static final CalendarRules DEFAULT = new CalendarRules(true, true, false, true, Privacy.TITLES);

    /** These rules with the default wherever a field is missing; null stands for all defaults. */
    public static CalendarRules complete(CalendarRules rules) {
        if (rules == null) {
            return DEFAULT;
        }
        return new CalendarRules(
                or(rules.allDayEventsBlock, DEFAULT.allDayEventsBlock),
                or(rules.tentativeEventsBlock, DEFAULT.tentativeEventsBlock),
                or(rules.declinedInvitationsBlock, DEFAULT.declinedInvitationsBlock),
                or(rules.unansweredInvitationsBlock, DEFAULT.unansweredInvitationsBlock),
                rules.privacy == null ? DEFAULT.privacy : rules.privacy);
    }

    private static Boolean or(Boolean value, Boolean fallback) {
        return value == null ? fallback : value;
    }
}
