/**
 * The sync-worker's domain: what the platform wants in a calendar (an appointment at a revision) and the push path's
 * decisions, pure: {@link io.calsync.worker.domain.PushPlanner} plans the next step from the desired state and what is
 * known of the calendar, {@link io.calsync.worker.domain.PushExecutor} carries it out over the {@link
 * io.calsync.worker.domain.CalendarWriter} port (the CalDAV adapter implements it) and says what it came to ({@link
 * io.calsync.worker.domain.PushResult}). Free of every framework and outside system (no Spring, Kafka, JDBC, HTTP
 * client, Resilience4j or ical4j type; a test keeps it so).
 */
package io.calsync.worker.domain;
