/**
 * A tenant's availability settings: how long a calendar may go unsynced before it is stale, and what a stale or
 * failing calendar does to its user's availability ({@code GET/PUT /v1/tenants/{tenantId}/availability-settings}).
 */
package io.calsync.availability.settings;
