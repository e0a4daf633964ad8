package io.calsync.contracts;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/**
 * The user is busy during {@code [start, end)} (UTC). An ICLOUD slot names its {@link SlotOrigin}; a NATIVE slot
 * has none. Carries no attendee or contact data: a slot is never an appointment.
 *
 * <p>An all-day slot may also carry its local dates, so a UI can show it as all-day on the right days whatever the
 * viewer's zone: {@code startDate} the first day and {@code endDate} the day after the last (exclusive, like
 * iCalendar's DTEND). Both or neither, only with {@code allDay}; consumers that do not need them ignore them. They
 * are ISO 8601 dates ({@code 2026-12-01}) kept as text, so that reading is as strict as the schema (a date-time or a
 * number is refused, not truncated); {@link #localStartDate()} and {@link #localEndDate()} give them as dates.
 */
public record SlotBlocked(
        String tenantId,
        String userId,
        String slotId,
        SlotSource source,
        SlotOrigin origin,
        Instant start,
        Instant end,
        boolean allDay,
        String title,
        String startDate,
        String endDate) implements SlotEvent, SlotDigest.Slot {

    private static final Pattern ISO_DATE = Pattern.compile("[0-9]{4}-[0-9]{2}-[0-9]{2}");

    public SlotBlocked {
        Require.id(tenantId, "tenantId");
        Require.id(userId, "userId");
        Require.id(slotId, "slotId");
        Require.present(source, "source");
        if (source == SlotSource.ICLOUD && origin == null) {
            throw new ContractViolation("origin", "is required for source ICLOUD");
        }
        if (source == SlotSource.NATIVE && origin != null) {
            throw new ContractViolation("origin", "must be absent for source NATIVE");
        }
        Require.interval(start, end);
        Require.optionalText(title, "title");
        if ((startDate == null) != (endDate == null)) {
            throw new ContractViolation(startDate == null ? "startDate" : "endDate",
                    "is required when " + (startDate == null ? "endDate" : "startDate") + " is given");
        }
        if (startDate != null && !allDay) {
            throw new ContractViolation("startDate", "is only for all-day slots (allDay true)");
        }
        LocalDate first = date(startDate, "startDate");
        LocalDate next = date(endDate, "endDate");
        if (first != null && !next.isAfter(first)) {
            throw new ContractViolation("endDate", "must be after startDate (" + startDate + "), was " + endDate);
        }
    }

    /** An all-day slot on the local days {@code [startDate, endDate)}. */
    public SlotBlocked(String tenantId, String userId, String slotId, SlotSource source, SlotOrigin origin,
            Instant start, Instant end, String title, LocalDate startDate, LocalDate endDate) {
        this(tenantId, userId, slotId, source, origin, start, end, true, title,
                startDate == null ? null : startDate.toString(), endDate == null ? null : endDate.toString());
    }

    /** The first local day of an all-day slot, or null. */
    public LocalDate localStartDate() {
        return startDate == null ? null : LocalDate.parse(startDate);
    }

    /** The day after the last local day of an all-day slot (exclusive), or null. */
    public LocalDate localEndDate() {
        return endDate == null ? null : LocalDate.parse(endDate);
    }

    private static LocalDate date(String text, String field) {
        if (text == null) {
            return null;
        }
        try {
            if (ISO_DATE.matcher(text).matches()) {
                return LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE);
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new ContractViolation(field, "must be an ISO 8601 date such as 2026-12-01, was '" + text + "'");
    }

    /** A slot without local dates: timed, or all-day from a producer that does not know them. */
    public SlotBlocked(String tenantId, String userId, String slotId, SlotSource source, SlotOrigin origin,
            Instant start, Instant end, boolean allDay, String title) {
        this(tenantId, userId, slotId, source, origin, start, end, allDay, title, null, null);
    }
}
