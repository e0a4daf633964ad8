package io.calsync.availability.answers;

import io.calsync.availability.domain.BusyVerdict;
import io.calsync.availability.domain.CalendarState;
import io.calsync.availability.domain.Freshness;
import io.calsync.availability.domain.FreshnessSettings;
import java.util.List;

/**
 * How fresh an answer is.
 *
 * @param calendars each source calendar of the user (not those no longer read), with its state and last sync
 * @param calendarConnected whether any calendar is read for the user (false for an unknown user: busy time is then
 *     appointments and the platform's own blocked slots only)
 * @param staleAfter the tenant's threshold (ISO 8601)
 * @param stalePolicy what a stale or failing calendar does: BUSY, LAST_KNOWN or FAIL
 * @param wholeWindowBusy whether a stale or failing calendar made the whole window busy (policy BUSY); the busy and
 *     blocked-slots answers show the materialized data and never apply the policy
 */
public record FreshnessView(List<CalendarView> calendars, boolean calendarConnected, boolean anyStale,
        boolean anyFailing, String staleAfter, String stalePolicy, boolean wholeWindowBusy) {

    static FreshnessView of(Freshness<CalendarRef> freshness, FreshnessSettings settings, boolean applied) {
        List<CalendarView> calendars = freshness.calendars().stream()
                .filter(c -> c.state() != CalendarState.STOPPED).map(c -> new CalendarView(
                c.calendar().accountId(), c.calendar().calendarId(), c.calendar().role(), c.state().name(),
                c.lastSuccess().orElse(null), c.stale(), c.failing(), c.calendar().error())).toList();
        return new FreshnessView(calendars, !freshness.noCalendarRead(), freshness.anyStale(), freshness.anyFailing(),
                settings.staleAfter().toString(), settings.policy().name(),
                applied && freshness.verdict() == BusyVerdict.WHOLE_WINDOW);
    }
}
