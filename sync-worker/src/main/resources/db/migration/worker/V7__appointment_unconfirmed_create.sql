-- Where calsync may have created an appointment's event without learning of it: set when a revision that is written
-- nowhere yet is claimed while the user has a Primary Calendar (the worker may send the create, then die or time out
-- while the create still lands); cleared when a write or a removal is recorded. A cancellation of such an
-- appointment removes the event at its address there (404 is fine) instead of skipping as if nothing were there.
ALTER TABLE appointment ADD COLUMN unconfirmed_account_id uuid, ADD COLUMN unconfirmed_calendar_id text;
