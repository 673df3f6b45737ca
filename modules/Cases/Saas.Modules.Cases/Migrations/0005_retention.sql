-- Retention: rules are metadata (kind retention-rule); a deletion run proposes, a second person approves, the run
-- deletes blobs, text and index entries of due documents whose file is not on legal hold, and the audit trail
-- keeps the record of it.
CREATE TABLE cases.legal_holds (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    case_file_id uuid NOT NULL REFERENCES cases.case_files (id),
    reason text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    released_at timestamptz,
    released_by text
);
CREATE INDEX legal_holds_file_idx ON cases.legal_holds (tenant_id, case_file_id) WHERE released_at IS NULL;
SELECT platform.enable_tenant_rls('cases.legal_holds', '${app_role}', 'SELECT, INSERT, UPDATE');

CREATE TABLE cases.deletion_runs (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    status text NOT NULL DEFAULT 'proposed' CHECK (status IN ('proposed', 'approved', 'executed', 'cancelled')),
    as_of timestamptz NOT NULL,
    documents integer NOT NULL,
    held_back integer NOT NULL DEFAULT 0,
    proposed_by text NOT NULL,
    proposed_at timestamptz NOT NULL DEFAULT now(),
    approved_by text,
    approved_at timestamptz,
    executed_at timestamptz,
    deleted integer,
    -- The second person must not be the first: checked by the application and here.
    CHECK (approved_by IS NULL OR approved_by <> proposed_by)
);
SELECT platform.enable_tenant_rls('cases.deletion_runs', '${app_role}', 'SELECT, INSERT, UPDATE');

CREATE TABLE cases.deletion_run_items (
    tenant_id uuid NOT NULL,
    run_id uuid NOT NULL REFERENCES cases.deletion_runs (id),
    document_id uuid NOT NULL,
    case_file_id uuid NOT NULL,
    file_number text NOT NULL,
    document_type text NOT NULL,
    title text NOT NULL,
    sha256 text NOT NULL,
    rule text NOT NULL,
    due_at date NOT NULL,
    outcome text CHECK (outcome IN ('deleted', 'held', 'gone')),
    PRIMARY KEY (run_id, document_id)
);
SELECT platform.enable_tenant_rls('cases.deletion_run_items', '${app_role}', 'SELECT, INSERT, UPDATE');

-- Deletion at the end of retention is the one way a document leaves a file.
GRANT DELETE ON cases.documents, cases.text_extractions TO ${app_role};
ALTER TABLE cases.text_extractions DROP CONSTRAINT text_extractions_document_id_fkey,
    ADD CONSTRAINT text_extractions_document_id_fkey FOREIGN KEY (document_id) REFERENCES cases.documents (id) ON DELETE CASCADE;
ALTER TABLE cases.document_pages DROP CONSTRAINT document_pages_document_id_fkey,
    ADD CONSTRAINT document_pages_document_id_fkey FOREIGN KEY (document_id) REFERENCES cases.documents (id) ON DELETE CASCADE;
