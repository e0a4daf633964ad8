package io.calsync.worker.poll;

import io.calsync.worker.caldav.AppleCredentials;
import io.calsync.worker.caldav.CalDavCalendarServer;
import io.calsync.worker.caldav.CalDavClient;
import io.calsync.worker.resilience.AppleGuard;
import java.net.URI;
import org.springframework.stereotype.Component;

/** Opens the sync template's port on one calendar of one account: every request through the guard around Apple. */
@Component
class CalendarServers {

    private final CalDavClient caldav;
    private final AppleGuard apple;

    CalendarServers(CalDavClient caldav, AppleGuard apple) {
        this.caldav = caldav;
        this.apple = apple;
    }

    CalDavCalendarServer open(URI calendar, AppleCredentials credentials, String accountKey) {
        return new CalDavCalendarServer(caldav, calendar, credentials, new CalDavCalendarServer.Guard() {
            @Override
            public <T> T call(java.util.function.Supplier<T> call) {
                return apple.call(accountKey, call);
            }
        });
    }

    /** The account's own calendar user addresses (RFC 6638), to find its answers among an event's attendees. */
    java.util.Set<String> ownAddresses(URI principal, AppleCredentials credentials, String accountKey) {
        return apple.call(accountKey, () -> caldav.calendarUserAddresses(principal, credentials));
    }
}
