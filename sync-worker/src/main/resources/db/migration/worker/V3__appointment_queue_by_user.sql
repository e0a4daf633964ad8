-- An account's due appointments are found among its user's pending rows, without walking the whole queue.
CREATE INDEX appointment_pending_by_user ON appointment (user_id, tenant_id, next_attempt_at) WHERE sync_state = 'PENDING';

-- Secondary indexes lead with the more selective column. Led by tenant_id, the planner could take them for the
-- primary-key lookups the dispatcher makes for every appointment (tenant_id = ? AND appointment_id = ?) whenever
-- the statistics still describe a near-empty table, as after a fresh install: every write-back then read the
-- tenant's whole index. Now only the primary key serves those lookups, whatever the statistics say.
DROP INDEX appointment_by_user;
CREATE INDEX appointment_by_user ON appointment (user_id, tenant_id);
DROP INDEX appointment_by_uid;
CREATE INDEX appointment_by_uid ON appointment (event_uid, tenant_id);

-- The table is a work queue: rows change state several times within seconds. Vacuum and analyze it sooner than
-- the defaults (20 % / 10 % of the table changed), so that dead index entries and stale statistics do not pile up.
ALTER TABLE appointment SET (autovacuum_vacuum_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
