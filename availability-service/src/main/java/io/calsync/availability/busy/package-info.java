/**
 * Busy time: the pure interval arithmetic ({@link io.calsync.availability.busy.Intervals}) and the REST API that
 * answers "when is this user busy?" with the sources of each busy stretch and how fresh each calendar is.
 */
package io.calsync.availability.busy;
