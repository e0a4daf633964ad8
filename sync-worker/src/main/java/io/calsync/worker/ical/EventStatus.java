package io.calsync.worker.ical;

/** The STATUS of a VEVENT (RFC 5545 section 3.8.1.11); one without STATUS is read as CONFIRMED. */
public enum EventStatus {
    CONFIRMED,
    TENTATIVE,
    CANCELLED
}
