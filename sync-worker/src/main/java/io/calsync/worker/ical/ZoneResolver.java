package io.calsync.worker.ical;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import net.fortuna.ical4j.model.TimeZone;
import net.fortuna.ical4j.model.TimeZoneRegistry;

/**
 * Turns a TZID into java.time rules. An IANA id (or one of its legacy links such as {@code US/Eastern}) uses the
 * JDK's tz data, which is current; otherwise the resource's own VTIMEZONE of that TZID; otherwise ical4j's aliases,
 * which know Windows names ({@code W. Europe Standard Time}) and prefixed ids ({@code /mozilla.org/.../Europe/Berlin}).
 * A TZID none of these knows is an {@link UnknownTimeZoneException}: reading it as UTC or as floating would put the
 * event at the wrong hours without anyone noticing.
 */
final class ZoneResolver {

    private final TimeZoneRegistry registry;
    private final Map<String, ZoneId> resolved = new HashMap<>();

    ZoneResolver(TimeZoneRegistry registry) {
        this.registry = registry;
    }

    ZoneId zone(String tzid) {
        ZoneId zone = resolved.get(tzid);
        if (zone == null) {
            zone = lookUp(tzid);
            resolved.put(tzid, zone);
        }
        return zone;
    }

    /** The zone, or null for a name nothing knows (X-WR-TIMEZONE is a hint, not a requirement). */
    ZoneId zoneOrNull(String tzid) {
        try {
            return zone(tzid);
        } catch (UnknownTimeZoneException e) {
            return null;
        }
    }

    private ZoneId lookUp(String tzid) {
        String id = tzid.trim();
        try {
            return ZoneId.of(id);
        } catch (DateTimeException notIana) {
            // next: a VTIMEZONE of the resource, then ical4j's aliases
        }
        try {
            ZoneId fromVTimeZone = registry.getZoneId(id);
            fromVTimeZone.getRules();
            return fromVTimeZone;
        } catch (DateTimeException | IllegalArgumentException notInResource) {
            // next: ical4j's aliases
        }
        try {
            TimeZone alias = registry.getTimeZone(id);
            if (alias != null) {
                return ZoneId.of(alias.getID());
            }
        } catch (DateTimeException | IllegalArgumentException unknownAlias) {
            // unknown
        }
        throw new UnknownTimeZoneException(id);
    }

    /** A TZID without VTIMEZONE that is neither an IANA nor a known Windows or alias name. */
    static final class UnknownTimeZoneException extends RuntimeException {
        UnknownTimeZoneException(String tzid) {
            super("unknown time zone '" + tzid + "': no VTIMEZONE for it in the resource, and not an IANA or Windows name");
        }
    }
}
