package io.calsync.worker.domain;

import java.net.URI;
import java.util.UUID;

/** Where calsync last wrote an appointment's event: account, calendar, resource and the ETag it got. */
public record WrittenEvent(UUID accountId, String calendarId, URI href, String etag) {

    public boolean isIn(PrimaryCalendar calendar) {
        return accountId.equals(calendar.accountId()) && calendarId.equals(calendar.calendarId());
    }
}
