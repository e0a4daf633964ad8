-- Appointments as the platform last described them (highest revision wins).
CREATE TABLE appointment (
    tenant_id      text        NOT NULL,
    appointment_id text        NOT NULL,
    user_id        text        NOT NULL,
    revision       bigint      NOT NULL,
    cancelled      boolean     NOT NULL,
    start_at       timestamptz,
    end_at         timestamptz,
    title          text,
    PRIMARY KEY (tenant_id, appointment_id)
);
CREATE INDEX appointment_by_user_time ON appointment (tenant_id, user_id, start_at) WHERE NOT cancelled;

-- Blocked slots currently in force, from iCloud (sync-worker) and from the platform (NATIVE).
CREATE TABLE blocked_slot (
    slot_id     text        PRIMARY KEY,
    tenant_id   text        NOT NULL,
    user_id     text        NOT NULL,
    source      text        NOT NULL,
    account_id  text,
    calendar_id text,
    role        text,
    start_at    timestamptz NOT NULL,
    end_at      timestamptz NOT NULL,
    all_day     boolean     NOT NULL,
    title       text
);
CREATE INDEX blocked_slot_by_user_time ON blocked_slot (tenant_id, user_id, start_at);

-- How fresh each source calendar is, as the sync-worker last reported.
CREATE TABLE calendar_status (
    account_id      text        NOT NULL,
    calendar_id     text        NOT NULL,
    tenant_id       text        NOT NULL,
    user_id         text        NOT NULL,
    role            text,
    state           text        NOT NULL,
    last_success_at timestamptz,
    last_attempt_at timestamptz NOT NULL,
    error           text,
    PRIMARY KEY (account_id, calendar_id)
);

CREATE TABLE account_status (
    account_id text        PRIMARY KEY,
    tenant_id  text        NOT NULL,
    user_id    text        NOT NULL,
    status     text        NOT NULL,
    reason     text,
    changed_at timestamptz NOT NULL
);
