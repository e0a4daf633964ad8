-- An account's due appointments are found among its user's pending rows, without walking the whole queue.
CREATE INDEX appointment_pending_by_user ON appointment (tenant_id, user_id, next_attempt_at) WHERE sync_state = 'PENDING';
