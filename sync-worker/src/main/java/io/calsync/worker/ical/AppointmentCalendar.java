package io.calsync.worker.ical;

import io.calsync.worker.domain.Appointment;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.DateProperty;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.DtEnd;
import net.fortuna.ical4j.model.property.DtStamp;
import net.fortuna.ical4j.model.property.DtStart;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.Sequence;
import net.fortuna.ical4j.model.property.Summary;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.XProperty;

/**
 * The VCALENDAR calsync writes for an appointment. What iCloud needs (see ICLOUD.md, Writing): a stable UID,
 * DTSTART and DTEND always (without DTEND iCloud answers a misleading 404), a VTIMEZONE for the TZID, no METHOD,
 * and no ORGANIZER or ATTENDEE (iCloud would e-mail invitations).
 */
public final class AppointmentCalendar {

    /** Every UID calsync writes starts with this; with the mapping table it keeps our own events out of polls. */
    public static final String UID_PREFIX = "calsync-";
    public static final String APPOINTMENT_PROPERTY = "X-CALSYNC-APPOINTMENT-ID";
    public static final String PRODUCT_ID = "-//calsync//iCloud integration//EN";

    private AppointmentCalendar() {
    }

    /** The UID of the event for an appointment: the same for every revision, unique per tenant and appointment. */
    public static String uidOf(String tenantId, String appointmentId) {
        return UID_PREFIX + UUID.nameUUIDFromBytes((tenantId + "\n" + appointmentId).getBytes(StandardCharsets.UTF_8));
    }

    /** The resource name the event is stored under in the calendar collection. */
    public static String resourceNameOf(String tenantId, String appointmentId) {
        return uidOf(tenantId, appointmentId) + ".ics";
    }

    private static <T extends DateProperty<LocalDateTime>> T local(T property, ZoneId zone) {
        property.add(new net.fortuna.ical4j.model.parameter.TzId(zone.getId()));
        return property;
    }

    public static String toICalendar(Appointment appointment, Instant stamp) {
        ZoneId zone = ZoneId.of(appointment.timeZone());
        boolean utc = zone.normalized() instanceof ZoneOffset;
        VEvent event = new VEvent(false);
        event.add(new Uid(uidOf(appointment.tenantId(), appointment.appointmentId())));
        event.add(new DtStamp(stamp));
        if (utc) {
            // UTC or a fixed offset: written in UTC, which needs no VTIMEZONE
            event.add(new DtStart<>(appointment.start()));
            event.add(new DtEnd<>(appointment.end()));
        } else {
            // local times computed by java.time, labelled with the TZID its VTIMEZONE below describes
            event.add(local(new DtStart<>(LocalDateTime.ofInstant(appointment.start(), zone)), zone));
            event.add(local(new DtEnd<>(LocalDateTime.ofInstant(appointment.end(), zone)), zone));
        }
        event.add(new Summary(appointment.title()));
        if (appointment.description() != null) {
            event.add(new Description(appointment.description()));
        }
        if (appointment.location() != null) {
            event.add(new Location(appointment.location()));
        }
        event.add(new Sequence((int) Math.min(Integer.MAX_VALUE, appointment.revision())));
        event.add(new XProperty(APPOINTMENT_PROPERTY, appointment.appointmentId()));

        Calendar calendar = new Calendar().withProdId(PRODUCT_ID).withDefaults().getFluentTarget();
        if (!utc) {
            calendar.add(TimeZones.current(zone, LocalDateTime.ofInstant(appointment.start(), zone).getYear() - 1));
        }
        calendar.add(event);
        return calendar.toString();
    }
}
