-- Inbox, issue 9: an item's pages split into items of their own, and a wrong filing or discard taken back.

-- A split item is done; its parts are new items that name it (split_from_id) and the pages they hold.
ALTER TABLE cases.inbox_items DROP CONSTRAINT inbox_items_status_check;
ALTER TABLE cases.inbox_items ADD CONSTRAINT inbox_items_status_check CHECK (status IN ('open', 'assigned', 'discarded', 'split'));
ALTER TABLE cases.inbox_items ADD COLUMN split_from_id uuid REFERENCES cases.inbox_items (id);
ALTER TABLE cases.inbox_items ADD COLUMN split_pages text;
CREATE INDEX inbox_items_split_from_idx ON cases.inbox_items (tenant_id, split_from_id) WHERE split_from_id IS NOT NULL;

-- The case the filing put its documents into: an undo checks they are still there (and the case still open).
ALTER TABLE cases.inbox_items ADD COLUMN assigned_case_id uuid;

-- A filing taken back withdraws its documents from the file: the rows, their bytes and text stay (documents are
-- immutable and audited), the file no longer lists them. Only these two columns may be written after insert.
ALTER TABLE cases.documents ADD COLUMN withdrawn_at timestamptz;
ALTER TABLE cases.documents ADD COLUMN withdrawn_by text;
GRANT UPDATE (withdrawn_at, withdrawn_by) ON cases.documents TO ${app_role};
