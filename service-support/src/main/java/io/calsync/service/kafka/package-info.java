/**
 * Kafka plumbing of every calsync service: publishing events through the contracts' CloudEvents codec, the topics it
 * declares, and the error handler that sends unreadable records to {@code <topic>.dlt} with headers saying why
 * and goes on with the next record.
 */
package io.calsync.service.kafka;
