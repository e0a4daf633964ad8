/**
 * The sync-worker's domain: what the platform wants in a calendar (an appointment at a revision), free of every
 * framework and outside system (no Spring, Kafka, JDBC, HTTP client, Resilience4j or ical4j type; a test keeps it so).
 */
package io.calsync.worker.domain;
