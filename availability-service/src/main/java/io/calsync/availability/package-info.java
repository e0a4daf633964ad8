/**
 * The availability-service: materializes each user's appointments, blocked slots and calendar freshness from
 * Kafka into PostgreSQL, and answers booking services' questions about when a user is busy.
 */
package io.calsync.availability;
