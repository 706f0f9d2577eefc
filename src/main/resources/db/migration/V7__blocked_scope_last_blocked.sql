-- A blocked scope's next probe is derived when a run plans (when it was last blocked + crosswalk.graph.review-retry-after
-- as configured then), no longer stored: a stored time froze the setting of the run that met the review, and a
-- shorter setting later never moved it. last_blocked_at is the block that started the review clock; instance_id
-- the run that last met the scope under review (a resumed run answers that scope's IDs without a call, as the
-- killed run did). Rows from before take their first block time: at worst a scope is probed once earlier.
ALTER TABLE cw_blocked_scope ADD COLUMN last_blocked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE cw_blocked_scope ADD COLUMN instance_id BIGINT;
UPDATE cw_blocked_scope SET last_blocked_at = first_blocked_at;
ALTER TABLE cw_blocked_scope ALTER COLUMN last_blocked_at SET NOT NULL;
ALTER TABLE cw_blocked_scope DROP COLUMN retry_after;
