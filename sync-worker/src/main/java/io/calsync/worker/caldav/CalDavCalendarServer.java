package io.calsync.worker.caldav;

import io.calsync.worker.sync.CalendarServer;
import io.calsync.worker.sync.CalendarSync;
import io.calsync.worker.sync.FetchedResource;
import java.net.URI;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One calendar of one account, as the sync template reads it: each method is one CalDAV request of {@link
 * CalDavClient}, made through the caller's {@link Guard} (rate limit, bulkhead, circuit breaker). Hrefs are
 * {@linkplain DavHrefs#canonical(URI) canonical} absolute URIs: the hrefs calsync stored for its own resources must
 * be passed through {@link DavHrefs#canonical(String)} before they are compared with these.
 */
public final class CalDavCalendarServer implements CalendarServer {

    /** Runs each call to Apple; the poller passes {@code call -> appleGuard.call(accountKey, call)}. */
    @FunctionalInterface
    public interface Guard {
        <T> T call(Supplier<T> call);
    }

    private final CalDavClient client;
    private final URI calendar;
    private final AppleCredentials credentials;
    private final Guard guard;

    public CalDavCalendarServer(CalDavClient client, URI calendar, AppleCredentials credentials, Guard guard) {
        this.client = client;
        this.calendar = calendar;
        this.credentials = credentials;
        this.guard = guard;
    }

    @Override
    public String ctag() {
        return guard.call(() -> client.ctag(calendar, credentials)).orElse(null);
    }

    @Override
    public ChangeReport changesSince(String syncToken) {
        CollectionChanges changes;
        try {
            changes = guard.call(() -> client.syncCollection(calendar, syncToken, credentials));
        } catch (CalDavException.SyncTokenRefused refused) {
            throw new SyncTokenRejected(refused.getMessage());
        }
        return new ChangeReport(changes.changed(), changes.removed(), changes.syncToken(), changes.truncated());
    }

    @Override
    public Listing members() {
        CollectionMembers members = guard.call(() -> client.members(calendar, credentials));
        return new Listing(members.etags(), members.syncToken(), members.ctag(), members.complete());
    }

    @Override
    public List<FetchedResource> multiget(Collection<String> hrefs) {
        if (hrefs.size() > CalendarSync.MAX_MULTIGET) {
            throw new IllegalArgumentException("at most " + CalendarSync.MAX_MULTIGET + " hrefs per multiget, not "
                    + hrefs.size());
        }
        return guard.call(() -> client.multiget(calendar, hrefs, credentials)).stream()
                .map(event -> new FetchedResource(event.url().toString(), event.etag(), event.icalendar()))
                .toList();
    }

    /**
     * The zone of the collection's {@code calendar-timezone}, when it has one that names a zone Java knows (one
     * request). A TZID that is no IANA or Java zone id (Outlook's "W. Europe Standard Time") gives empty here.
     */
    public Optional<ZoneId> timeZone() {
        return guard.call(() -> client.calendarTimezone(calendar, credentials)).flatMap(tzid -> {
            try {
                return Optional.of(ZoneId.of(tzid));
            } catch (DateTimeException unknown) {
                return Optional.empty();
            }
        });
    }

    /** The calendar this reads. */
    public URI calendar() {
        return calendar;
    }
}
