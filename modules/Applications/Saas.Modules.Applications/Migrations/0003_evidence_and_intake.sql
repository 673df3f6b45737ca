-- Evidence the portal took (docs/adr/0042): each uploaded file's bytes are in the authority's blob store (content-
-- addressed, verified), this row names them. A file belongs to one form's field (its path without indices) and to
-- the draft it was uploaded for (none for the API); a submission claims it once. Filing it into the e-Akte names the
-- document it became.
CREATE TABLE applications.evidence (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    form_key text NOT NULL,
    field_path text NOT NULL,
    draft_id uuid,
    submission_id uuid,
    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 255),
    content_type text NOT NULL,
    bytes bigint NOT NULL CHECK (bytes > 0),
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    uploaded_at timestamptz NOT NULL,
    document_id uuid
);
CREATE INDEX evidence_draft_idx ON applications.evidence (draft_id) WHERE draft_id IS NOT NULL;
CREATE INDEX evidence_submission_idx ON applications.evidence (submission_id) WHERE submission_id IS NOT NULL;
CREATE INDEX evidence_sha_idx ON applications.evidence (tenant_id, sha256);
SELECT platform.enable_tenant_rls('applications.evidence', '${app_role}', 'SELECT, INSERT, UPDATE');

-- How a submission entered the e-Akte (docs/adr/0042): received → filed, or waiting for a caseworker to say whose file
-- it belongs to (person-unclear, with the candidates), or stopped with the reason (failed; retried by the outbox).
ALTER TABLE applications.submissions
    ADD COLUMN intake_status text NOT NULL DEFAULT 'received' CHECK (intake_status IN ('received', 'person-unclear', 'filed', 'failed')),
    ADD COLUMN intake_error text,
    ADD COLUMN candidates uuid[] NOT NULL DEFAULT '{}',
    ADD COLUMN case_file_id uuid,
    ADD COLUMN case_id uuid,
    ADD COLUMN process_instance_id uuid,
    ADD COLUMN filed_at timestamptz;
CREATE INDEX submissions_intake_idx ON applications.submissions (tenant_id, intake_status) WHERE intake_status <> 'filed';
GRANT UPDATE ON applications.submissions TO ${app_role};
