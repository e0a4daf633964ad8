/**
 * Materializes the Kafka topics into PostgreSQL: appointments (highest revision wins), blocked slots (blocked,
 * released, tombstones) and calendar/account status. Every write is idempotent and order-tolerant, so replaying
 * the topics from the start gives the same state. Unreadable records go to the dead-letter topics.
 */
package io.calsync.availability.ingest;
