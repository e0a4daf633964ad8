-- iCloud accounts a user connected. The app-specific password is stored only encrypted (AES-256-GCM):
-- secret = 12-byte nonce || ciphertext || tag, under the vault key secret_key_id. Disconnecting deletes the row.
CREATE TABLE icloud_account (
    account_id        uuid        PRIMARY KEY,
    tenant_id         text        NOT NULL,
    user_id           text        NOT NULL,
    apple_id          text        NOT NULL,
    principal_url     text        NOT NULL,
    calendar_home_url text        NOT NULL,
    status            text        NOT NULL CHECK (status IN ('CONNECTED', 'NEEDS_REAUTH')),
    status_reason     text,
    secret_key_id     text        NOT NULL,
    secret            bytea       NOT NULL,
    connected_at      timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    UNIQUE (tenant_id, user_id, apple_id)
);

-- The calendars discovery found in an account, refreshed on demand.
CREATE TABLE icloud_calendar (
    account_id   uuid    NOT NULL REFERENCES icloud_account ON DELETE CASCADE,
    calendar_id  text    NOT NULL,
    url          text    NOT NULL,
    display_name text,
    color        text,
    components   text[]  NOT NULL,
    writable     boolean NOT NULL,
    PRIMARY KEY (account_id, calendar_id)
);

-- The user's calendar configuration: one PRIMARY at most, any number of CONFLICT calendars. Each selected
-- calendar is polled; the poll columns are its work queue (leases let several workers share it).
CREATE TABLE calendar_selection (
    account_id      uuid        NOT NULL,
    calendar_id     text        NOT NULL,
    tenant_id       text        NOT NULL,
    user_id         text        NOT NULL,
    role            text        NOT NULL CHECK (role IN ('PRIMARY', 'CONFLICT')),
    ctag            text,
    window_start    date,
    next_poll_at    timestamptz NOT NULL,
    lease_until     timestamptz,
    last_attempt_at timestamptz,
    last_success_at timestamptz,
    last_error      text,
    failures        integer     NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, calendar_id),
    FOREIGN KEY (account_id, calendar_id) REFERENCES icloud_calendar ON DELETE CASCADE
);
CREATE UNIQUE INDEX calendar_selection_one_primary ON calendar_selection (tenant_id, user_id) WHERE role = 'PRIMARY';
CREATE INDEX calendar_selection_due ON calendar_selection (next_poll_at);

-- Desired state of every appointment (latest revision wins) and where it stands in iCloud. The PENDING rows
-- are the dispatcher's work queue.
CREATE TABLE appointment (
    tenant_id        text        NOT NULL,
    appointment_id   text        NOT NULL,
    user_id          text        NOT NULL,
    event_uid        text        NOT NULL,
    revision         bigint      NOT NULL,
    cancelled        boolean     NOT NULL,
    start_at         timestamptz,
    end_at           timestamptz,
    time_zone        text,
    title            text,
    description      text,
    location         text,
    account_id       uuid,
    calendar_id      text,
    href             text,
    etag             text,
    written_revision bigint,
    sync_state       text        NOT NULL CHECK (sync_state IN ('PENDING', 'SYNCED', 'SKIPPED', 'FAILED')),
    attempts         integer     NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    lease_until      timestamptz,
    last_error       text,
    updated_at       timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, appointment_id)
);
CREATE INDEX appointment_due ON appointment (next_attempt_at) WHERE sync_state = 'PENDING';
CREATE INDEX appointment_by_user ON appointment (tenant_id, user_id);
CREATE INDEX appointment_by_uid ON appointment (tenant_id, event_uid);

-- The blocked slots this worker has published, so that each poll publishes only the difference.
CREATE TABLE published_slot (
    slot_id       text        PRIMARY KEY,
    tenant_id     text        NOT NULL,
    user_id       text        NOT NULL,
    account_id    uuid        NOT NULL,
    calendar_id   text        NOT NULL,
    role          text        NOT NULL,
    event_uid     text        NOT NULL,
    recurrence_id text,
    start_at      timestamptz NOT NULL,
    end_at        timestamptz NOT NULL,
    all_day       boolean     NOT NULL,
    title         text
);
CREATE INDEX published_slot_by_calendar ON published_slot (account_id, calendar_id);
