/**
 * The availability domain: pure decisions about busy time, working hours, bookable slots, conflicts, team
 * availability and how far a user's calendar data can be trusted. It imports no Spring, JDBC, Kafka or Jackson type
 * (java.time and Guava only) and reads "now" from an injected {@link java.time.Clock}; the web and ingest adapters
 * turn requests and materialized rows into these types.
 *
 * <p>All intervals are half-open {@code [start, end)} in UTC instants, as on the wire.
 */
package io.calsync.availability.domain;
