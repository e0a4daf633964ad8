package io.calsync.worker.caldav;

import io.calsync.worker.domain.Appointment;
import io.calsync.worker.domain.CalendarWriter;
import io.calsync.worker.domain.PrimaryCalendar;
import io.calsync.worker.domain.PushPlanner;
import io.calsync.worker.ical.AppointmentCalendar;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The push path's {@link CalendarWriter} over CalDAV: each method is one conditional request of {@link CalDavClient}
 * made through the caller's {@link Guard}, with the event the iCalendar adapter renders ({@link AppointmentCalendar}).
 * A 412 or a 404 on a write is the port's conflict; every other failure leaves as a {@link CalDavException}.
 */
public final class CalDavCalendarWriter implements CalendarWriter {

    /** Runs each call to Apple for an account; the dispatcher passes its guard (rate limit, bulkhead, breaker). */
    @FunctionalInterface
    public interface Guard {
        <T> T call(UUID account, Supplier<T> call);
    }

    private final CalDavClient client;
    private final Guard guard;
    private final Function<UUID, AppleCredentials> credentials;
    private final BiFunction<UUID, String, URI> calendarUrls;
    private final Clock clock;
    private Appointment rendered;
    private String icalendar;

    /**
     * @param credentials the credentials of an account
     * @param calendarUrls the URL of an account's calendar, by account and calendar id
     */
    public CalDavCalendarWriter(CalDavClient client, Guard guard, Function<UUID, AppleCredentials> credentials,
            BiFunction<UUID, String, URI> calendarUrls, Clock clock) {
        this.client = client;
        this.guard = guard;
        this.credentials = credentials;
        this.calendarUrls = calendarUrls;
        this.clock = clock;
    }

    @Override
    public URI locate(PrimaryCalendar calendar, Appointment appointment) {
        return calendarUrls.apply(calendar.accountId(), calendar.calendarId())
                .resolve(AppointmentCalendar.resourceNameOf(appointment.tenantId(), appointment.appointmentId()));
    }

    @Override
    public Put put(UUID account, URI href, Optional<String> etag, Appointment appointment) {
        String body = render(appointment);
        AppleCredentials user = credentials.apply(account);
        try {
            WriteResult result = guard.call(account, () -> etag.isPresent() ? client.update(href, body, etag.get(), user)
                    : client.create(href, body, user));
            return new Put.Written(result.url(), result.etag());
        } catch (CalDavException.PreconditionFailed changed) {
            return new Put.Conflicted(PushPlanner.Conflict.PRECONDITION_FAILED);
        } catch (CalDavException.NotFound gone) {
            return new Put.Conflicted(PushPlanner.Conflict.NOT_FOUND);
        }
    }

    @Override
    public Optional<String> etag(UUID account, URI href) {
        AppleCredentials user = credentials.apply(account);
        return guard.call(account, () -> client.etag(href, user));
    }

    @Override
    public void delete(UUID account, URI href) {
        AppleCredentials user = credentials.apply(account);
        guard.call(account, () -> {
            client.delete(href, null, user);
            return null;
        });
    }

    /** The appointment's event, rendered once however often it is written (an adoption writes it twice). */
    private String render(Appointment appointment) {
        if (appointment != rendered) {
            icalendar = AppointmentCalendar.toICalendar(appointment, clock.instant());
            rendered = appointment;
        }
        return icalendar;
    }
}
