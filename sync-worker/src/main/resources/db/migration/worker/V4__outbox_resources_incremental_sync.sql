-- Events waiting to be sent to Kafka, written in the same transaction as the state they reflect (the outbox).
-- The relay sends them in id order and deletes them once the broker acknowledged them. A null value is a tombstone.
CREATE TABLE outbox (
    id           bigserial   PRIMARY KEY,
    topic        text        NOT NULL,
    record_key   text,
    headers      jsonb       NOT NULL,
    record_value bytea,
    created_at   timestamptz NOT NULL DEFAULT now()
);

-- The members of each selected calendar as last read: the ETag, and the iCalendar text (so that a new window day,
-- a new role or new busy rules re-evaluate the calendar without downloading it again). Resources calsync wrote
-- itself have no text: they are recognised by href and ETag and never read. A resource whose new version could
-- not be read keeps its last readable text (and so its slots) and says why in problem.
CREATE TABLE calendar_resource (
    account_id  uuid NOT NULL,
    calendar_id text NOT NULL,
    href        text NOT NULL,
    etag        text NOT NULL,
    icalendar   text,
    problem     text,
    PRIMARY KEY (account_id, calendar_id, href),
    FOREIGN KEY (account_id, calendar_id) REFERENCES calendar_selection ON DELETE CASCADE
);

-- Incremental sync state, what the published slots were computed with, the last reported sync status, who
-- holds the claim, and what the first sync read of the collection (its calendar-timezone) and of the account
-- (its calendar user addresses, to find its own answers to invitations).
ALTER TABLE calendar_selection
    ADD COLUMN sync_token      text,
    ADD COLUMN supports_sync   boolean NOT NULL DEFAULT true,
    ADD COLUMN published_with  text,
    ADD COLUMN reported_state  text,
    ADD COLUMN reported_at     timestamptz,
    ADD COLUMN lease_owner     text,
    ADD COLUMN collection_zone text,
    ADD COLUMN own_addresses   text[];
-- due calendars are worked oldest-due first
DROP INDEX calendar_selection_due;
CREATE INDEX calendar_selection_due ON calendar_selection (next_poll_at, account_id);

-- All-day slots carry their local dates; kept so that slots re-published from storage carry them too.
ALTER TABLE published_slot
    ADD COLUMN start_date date,
    ADD COLUMN end_date   date;

-- What the poller needs of the push path: the resources calsync wrote into a calendar, and the ETag of the last
-- drift reported for each (appointment.drifted is published once per change).
ALTER TABLE appointment ADD COLUMN drift_etag text;
CREATE INDEX appointment_written_in ON appointment (account_id, calendar_id) WHERE href IS NOT NULL;
