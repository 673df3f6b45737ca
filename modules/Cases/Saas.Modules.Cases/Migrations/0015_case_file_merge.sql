-- Two files of one person can be merged (issue 9): the source's documents, cases, cover sheets and legal holds in
-- force move to the target; the source stays as a merged file, read-only, with its history (and its audit trail).
ALTER TABLE cases.case_files DROP CONSTRAINT case_files_status_check,
    ADD CONSTRAINT case_files_status_check CHECK (status IN ('active', 'transferred', 'deleted', 'merged'));
ALTER TABLE cases.case_files ADD COLUMN merged_into_id uuid REFERENCES cases.case_files (id),
    ADD COLUMN merged_at timestamptz,
    ADD COLUMN merged_by text,
    ADD CONSTRAINT case_files_merged_check CHECK ((status = 'merged') = (merged_into_id IS NOT NULL) AND merged_into_id IS DISTINCT FROM id);
CREATE INDEX case_files_merged_into_idx ON cases.case_files (tenant_id, merged_into_id) WHERE merged_into_id IS NOT NULL;

-- The application may move a document and a cover sheet to another file of the tenant (row-level security keeps
-- both ends in it); content, type and title of a document stay insert-only. Cases and legal holds are updatable already.
GRANT UPDATE (case_file_id) ON cases.documents TO ${app_role};
GRANT UPDATE (case_file_id) ON cases.cover_sheets TO ${app_role};
