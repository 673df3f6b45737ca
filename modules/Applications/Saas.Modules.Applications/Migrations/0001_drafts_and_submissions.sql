-- Applications on the portal (issue 14; docs/adr/0035): drafts an applicant fills in step by step, and submissions.
-- Forms are metadata (kind form, docs/adr/0032); both tables name their form by key.
CREATE SCHEMA applications;
GRANT USAGE ON SCHEMA applications TO ${app_role};

-- A draft is reached by its link alone: a random 32-byte token the applicant keeps (the resume link), stored only as
-- its SHA-256. The answers are kept exactly as posted (text per field, lists for repeating groups), errors and all.
CREATE TABLE applications.drafts (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    form_key text NOT NULL,
    token_hash bytea NOT NULL CHECK (octet_length(token_hash) = 32),
    language text NOT NULL,
    -- The key the draft's submit carries (hidden field), so a repeated submit finds the submission it made.
    idempotency_key text NOT NULL,
    answers jsonb NOT NULL DEFAULT '{}'::jsonb,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL CHECK (expires_at > created_at),
    submission_id uuid
);
CREATE UNIQUE INDEX drafts_token_idx ON applications.drafts (token_hash);
SELECT platform.enable_tenant_rls('applications.drafts', '${app_role}', 'SELECT, INSERT, UPDATE');

-- An accepted application. The two unique keys are what make a submission idempotent and its receipt number unique
-- per authority: of two transactions inserting the same Idempotency-Key, the database lets exactly one commit.
CREATE TABLE applications.submissions (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    form_key text NOT NULL,
    form_version int NOT NULL,
    -- The accepted values by path, and the FIM ids and versions of the form and of each value that has one.
    answers jsonb NOT NULL,
    fim jsonb NOT NULL,
    language text NOT NULL,
    receipt_number text NOT NULL,
    idempotency_key text NOT NULL CHECK (length(idempotency_key) BETWEEN 1 AND 200),
    submitted_at timestamptz NOT NULL,
    CONSTRAINT submissions_receipt_unique UNIQUE (tenant_id, receipt_number),
    CONSTRAINT submissions_idempotency_unique UNIQUE (tenant_id, idempotency_key)
);
SELECT platform.enable_tenant_rls('applications.submissions', '${app_role}', 'SELECT, INSERT');
