/**
 * A user's working hours: the API's document form, its checks (turned into the domain's
 * {@link io.calsync.availability.domain.Schedule}), storage, and {@code GET/PUT/DELETE .../schedule}.
 */
package io.calsync.availability.schedule;
