/**
 * Pushing appointments to the Primary Calendar as desired state, then reconcile: consuming an appointment event
 * only records what the calendar should show (latest revision wins, {@link io.calsync.worker.push.DesiredStateStore});
 * the dispatcher's loop (threads, leases, batching) hands claimed appointments to the reconciler, which lets the pure
 * domain plan and carry out each step over the CalDAV adapter, and {@code PushOutcomes} records what it came to with
 * its event in the outbox, in one transaction. A slow or failing Apple never blocks a Kafka partition, and a crash
 * loses nothing: the work queue is the table.
 */
package io.calsync.worker.push;
