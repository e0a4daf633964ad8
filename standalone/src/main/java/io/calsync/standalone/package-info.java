/**
 * The one-command local run: starts a real Kafka broker in this process, uses the machine's PostgreSQL (or
 * starts an embedded one), creates a vault key on first start, and runs both services, each in its own Spring
 * context. Ctrl-C stops everything in order.
 */
package io.calsync.standalone;
