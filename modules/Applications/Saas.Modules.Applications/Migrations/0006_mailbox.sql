-- The mailbox of a submission (docs/adr/0044): messages both ways between the applicant and the authority, each filed
-- into the case in the e-Akte once it is there (the text as a letter of the form's intake, an attachment as a
-- document). A message from the authority is a caseworker's text or a process's notice (its key; the text is the
-- platform's, in the applicant's language). Nothing of a message is ever sent by e-mail.
CREATE TABLE applications.messages (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    submission_id uuid NOT NULL,
    direction text NOT NULL CHECK (direction IN ('to-applicant', 'from-applicant')),
    body text CHECK (length(body) BETWEEN 1 AND 5000),
    notice text CHECK (notice ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    CHECK (body IS NOT NULL OR notice IS NOT NULL),
    attachment_id uuid,
    author text NOT NULL CHECK (length(author) BETWEEN 1 AND 255),
    written_at timestamptz NOT NULL,
    read_at timestamptz,
    document_id uuid,
    attachment_document_id uuid,
    filed_at timestamptz,
    filing_error text
);
CREATE INDEX messages_submission_idx ON applications.messages (tenant_id, submission_id, written_at);
SELECT platform.enable_tenant_rls('applications.messages', '${app_role}', 'SELECT, INSERT, UPDATE');
