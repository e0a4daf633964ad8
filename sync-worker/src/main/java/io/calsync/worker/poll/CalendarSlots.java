package io.calsync.worker.poll;

import io.calsync.worker.ical.CalendarZone;
import io.calsync.worker.ical.EventOccurrences;
import io.calsync.worker.ical.Occurrence;
import io.calsync.worker.ical.OwnParticipation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The blocked slots of one calendar, computed from the stored text of its events: every occurrence inside the
 * window that the calendar's rules say blocks, except calsync's own appointments (product rule 6). Pure.
 */
final class CalendarSlots {

    private CalendarSlots() {
    }

    /**
     * @param own the account's own calendar user addresses, for its answers to invitations
     * @param ownUid whether an event UID is one calsync gave an appointment (its own events are never slots, even
     *     where the href did not give them away)
     */
    static Map<String, Slot> of(PollTarget target, List<CalendarResources.Stored> resources, Instant from, Instant to,
            CalendarZone zone, OwnParticipation own, BusyRules rules, Predicate<String> ownUid) {
        Map<String, Slot> slots = new LinkedHashMap<>();
        for (CalendarResources.Stored resource : resources) {
            EventOccurrences.Expansion expansion = EventOccurrences.expand(resource.icalendar(), from, to, zone, own);
            for (Occurrence o : expansion.occurrences()) {
                if (!rules.blocks(o) || ownUid.test(o.uid())) {
                    continue;
                }
                String slotId = Slot.idOf(target.accountId(), target.calendarId(), o.uid(), o.recurrenceId());
                slots.put(slotId, new Slot(slotId, target.tenantId(), target.userId(), target.accountId(),
                        target.calendarId(), target.role(), o.uid(), o.recurrenceId(), o.start(), o.end(), o.allDay(),
                        o.startDate(), o.endDate(), rules.title(o)));
            }
        }
        return slots;
    }
}
