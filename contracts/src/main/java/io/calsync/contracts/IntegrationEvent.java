package io.calsync.contracts;

/** What the sync-worker reports on {@link Topics#INTEGRATIONS} about accounts and calendars. */
public sealed interface IntegrationEvent extends CalsyncEvent
        permits IntegrationStatusChanged, CalendarSyncStatusReported {

    String accountId();
}
