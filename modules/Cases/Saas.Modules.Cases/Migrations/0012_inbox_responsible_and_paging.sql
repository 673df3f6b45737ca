-- "Mein Posteingang": each open inbox item names the caseworkers responsible for it, taken from its best
-- suggestion's surname by the authority's surname ranges (one per unit whose ranges cover the name) when the item
-- arrives or its suggestions are refreshed. Empty means nobody is responsible (no file suggested, or a name no
-- range covers): those items are the "unassigned" view.
ALTER TABLE cases.inbox_items ADD COLUMN responsible_caseworkers text[] NOT NULL DEFAULT '{}';

-- Items already there: the best suggestion (the first, suggestions are stored ranked) already lists who is
-- responsible. Per authority with its tenant bound, so that this works under FORCE ROW LEVEL SECURITY whether or
-- not the migrating role has BYPASSRLS.
DO $$
DECLARE
    tenant uuid;
BEGIN
    FOR tenant IN SELECT id FROM platform.tenants LOOP
        PERFORM set_config('app.tenant_id', tenant::text, true);
        UPDATE cases.inbox_items
        SET responsible_caseworkers = ARRAY(
            SELECT DISTINCT r ->> 'caseworker' FROM jsonb_array_elements(suggestions -> 0 -> 'responsible') r
            WHERE r ->> 'caseworker' IS NOT NULL ORDER BY 1)
        WHERE tenant_id = tenant AND jsonb_typeof(suggestions -> 0 -> 'responsible') = 'array';
    END LOOP;
    PERFORM set_config('app.tenant_id', '', true);
END $$;

-- The workbench pages its lists by (time, id) instead of cutting them off: every page is one range scan.
DROP INDEX cases.inbox_items_open_idx;
CREATE INDEX inbox_items_open_idx ON cases.inbox_items (tenant_id, status, received_at, id);
CREATE INDEX inbox_items_unassigned_idx ON cases.inbox_items (tenant_id, received_at, id)
    WHERE status = 'open' AND cardinality(responsible_caseworkers) = 0;
CREATE INDEX inbox_items_responsible_idx ON cases.inbox_items USING gin (responsible_caseworkers) WHERE status = 'open';
CREATE INDEX scan_batches_received_idx ON cases.scan_batches (tenant_id, received_at, id);
CREATE INDEX legacy_boxes_packed_idx ON cases.legacy_boxes (tenant_id, packed_at, id);
