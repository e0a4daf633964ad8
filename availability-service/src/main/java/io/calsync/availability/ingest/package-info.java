/**
 * Materializes the Kafka topics into PostgreSQL in batches (one transaction and a few multi-row statements per
 * batch): appointments (highest revision wins), blocked slots (blocked, released, tombstones) and calendar/account
 * status. Every write is idempotent and order-tolerant, so replaying the topics from the start into an empty database
 * gives the same state. A calendar's sync is reported only once its slots are here (slot digests). Unreadable records
 * go to the dead-letter topics; a transient failure of PostgreSQL is retried until it passes.
 */
package io.calsync.availability.ingest;
