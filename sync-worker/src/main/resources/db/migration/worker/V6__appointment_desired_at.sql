-- When the platform asked for the appointment's current revision (the record was consumed): what the booked->synced
-- latency histogram (calsync.push.latency) is measured from, retries included. NULL for rows of earlier versions.
ALTER TABLE appointment ADD COLUMN desired_at timestamptz;
