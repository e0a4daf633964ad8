/**
 * The events calsync exchanges over Kafka, as immutable past-tense records, with their topics and keys.
 * Every producer and consumer depends on this package only; the JSON Schemas and golden samples under
 * {@code calsync/schemas} and {@code calsync/samples} describe the same events for other languages.
 * Records validate themselves on construction, so an event that exists is a valid event.
 */
package io.calsync.contracts;
