/**
 * Pushing appointments to the Primary Calendar as desired state, then reconcile: consuming an appointment event
 * only records what the calendar should show (latest revision wins); a dispatcher brings iCloud to that state
 * with conditional writes and publishes each outcome. A slow or failing Apple never blocks a Kafka partition,
 * and a crash loses nothing: the work queue is the table.
 */
package io.calsync.worker.push;
