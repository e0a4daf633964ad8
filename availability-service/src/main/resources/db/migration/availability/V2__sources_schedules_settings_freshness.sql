-- What explains an iCloud slot, its local dates when all-day, and its share of its calendar's slot digest.
ALTER TABLE blocked_slot
    ADD COLUMN event_uid     text,
    ADD COLUMN recurrence_id text,
    ADD COLUMN start_date    date,
    ADD COLUMN end_date      date,
    ADD COLUMN digest_hash   bigint NOT NULL DEFAULT 0;
CREATE INDEX blocked_slot_by_calendar ON blocked_slot (account_id, calendar_id) WHERE account_id IS NOT NULL;

-- A sync the worker reported before its slots were all here: held until the digests agree, then promoted.
ALTER TABLE calendar_status
    ADD COLUMN slot_digest        text,
    ADD COLUMN pending_success_at timestamptz,
    ADD COLUMN pending_digest     text;

-- A user's working hours (the API's JSON form, checked before it is stored); none = bookable at any time.
CREATE TABLE user_schedule (
    tenant_id  text        NOT NULL,
    user_id    text        NOT NULL,
    document   text        NOT NULL,
    updated_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, user_id)
);

-- A tenant's trust in synced data; none = the defaults (15 minutes, stale calendars make their user busy).
CREATE TABLE availability_settings (
    tenant_id          text        PRIMARY KEY,
    stale_after_seconds bigint     NOT NULL,
    stale_policy       text        NOT NULL,
    updated_at         timestamptz NOT NULL
);
