-- One worker instance at a time works an account (pushes and polls): it holds the account's lease. A crashed
-- instance's leases expire; the others take the accounts over.
ALTER TABLE icloud_account ADD COLUMN worker_id text;
ALTER TABLE icloud_account ADD COLUMN worker_lease_until timestamptz;
