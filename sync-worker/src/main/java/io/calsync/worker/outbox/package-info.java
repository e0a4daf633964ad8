/**
 * The transactional outbox: every event the sync-worker publishes is written to the {@code outbox} table in the
 * same database transaction as the state it reflects ({@link io.calsync.worker.outbox.Outbox}), and a relay
 * ({@link io.calsync.worker.outbox.OutboxRelay}) sends the rows to Kafka in id order, in batches, deleting them
 * only once the broker acknowledged every record of the batch. A crash anywhere loses nothing: rows not yet
 * acknowledged are sent again (same CloudEvents id, so consumers can drop the duplicate).
 */
package io.calsync.worker.outbox;
