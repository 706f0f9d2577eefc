-- The lookup step reads pending IDs a scope at a time (one lane per app or Page, so a paused scope holds up only
-- its own IDs) and no index carries the status any more: moving an ID out of PENDING rewrites its row only, where
-- it used to delete and re-insert two index entries as well (on H2 every random index write copies a page).
DROP INDEX cw_staging_pending;
DROP INDEX cw_staging_scope;
CREATE INDEX cw_staging_lane ON cw_staging (scope_id, lookup_pass, lookup_order, id_key);
