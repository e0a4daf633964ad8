-- What explains an iCloud slot, its local dates when all-day, and its share of its calendar's slot digest.
ALTER TABLE blocked_slot
    ADD COLUMN event_uid     text,
    ADD COLUMN recurrence_id text,
    ADD COLUMN start_date    date,
    ADD COLUMN end_date      date,
    ADD COLUMN digest_hash   bigint NOT NULL DEFAULT 0;
CREATE INDEX blocked_slot_by_calendar ON blocked_slot (account_id, calendar_id) WHERE account_id IS NOT NULL;

-- A slot's share of its calendar's digest, as SlotDigest.hash computes it in Java: the first 8 bytes (big-endian,
-- signed) of SHA-256 of slotId|start|end, instants as java.time.Instant#toString writes them (no fraction when whole
-- seconds, else 3 or 6 digits). Ingest computes it in Java; this gives the rows stored before it their share.
CREATE FUNCTION calsync_instant_text(t timestamptz) RETURNS text LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS') ||
        CASE WHEN micros = 0 THEN ''
             WHEN micros % 1000 = 0 THEN '.' || lpad((micros / 1000)::text, 3, '0')
             ELSE '.' || lpad(micros::text, 6, '0') END || 'Z'
    FROM (SELECT (extract(microseconds FROM t)::bigint % 1000000) AS micros) AS m
$$;
CREATE FUNCTION calsync_slot_hash(slot_id text, start_at timestamptz, end_at timestamptz) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT AS $$
    SELECT ('x' || substr(encode(sha256(convert_to(slot_id || '|' || calsync_instant_text(start_at) || '|'
        || calsync_instant_text(end_at), 'UTF8')), 'hex'), 1, 16))::bit(64)::bigint
$$;
UPDATE blocked_slot SET digest_hash = calsync_slot_hash(slot_id, start_at, end_at);

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
