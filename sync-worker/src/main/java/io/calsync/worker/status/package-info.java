/**
 * Operations for one user, behind the tenant's token: the sync status of their accounts, calendars and pushes
 * ({@code GET .../sync-status}), and a resync that re-reads an account's calendars from scratch ({@code POST
 * .../icloud-accounts/{accountId}/resync}).
 */
package io.calsync.worker.status;
