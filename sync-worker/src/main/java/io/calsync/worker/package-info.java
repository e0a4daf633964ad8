/**
 * The sync-worker: owns the iCloud connections of every user, pushes appointments to their Primary Calendar and
 * turns the events of their Primary and "Check for conflicts" calendars into blocked slots.
 */
package io.calsync.worker;
