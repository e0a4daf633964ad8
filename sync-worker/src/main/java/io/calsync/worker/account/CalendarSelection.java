package io.calsync.worker.account;

import io.calsync.contracts.CalendarRole;
import java.util.UUID;

/**
 * A calendar the user chose, why (as Primary or to check for conflicts), and how it is read.
 *
 * @param rules its busy rules, every field given
 * @param timeZone the IANA zone the user set for it, or null
 */
public record CalendarSelection(String tenantId, String userId, UUID accountId, String calendarId, CalendarRole role,
        CalendarRules rules, String timeZone) {

    public CalendarSelection {
        rules = CalendarRules.complete(rules);
    }

    public CalendarSelection(String tenantId, String userId, UUID accountId, String calendarId, CalendarRole role) {
        this(tenantId, userId, accountId, calendarId, role, CalendarRules.DEFAULT, null);
    }

    /** As the configuration API shows it. */
    CalendarRef ref() {
        return new CalendarRef(accountId, calendarId, rules, timeZone);
    }

    boolean sameCalendar(CalendarSelection other) {
        return accountId.equals(other.accountId) && calendarId.equals(other.calendarId);
    }
}
