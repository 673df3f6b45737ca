-- Every blob the e-Akte refers to, for the orphan sweeper and the retention run (a blob is deleted only when
-- nothing refers to it any more: content is stored once per authority). security_invoker: row-level security of
-- the underlying tables applies to whoever reads the view.
CREATE VIEW cases.blob_references WITH (security_invoker = true) AS
    SELECT tenant_id, sha256, 'document' AS kind FROM cases.documents
    UNION ALL SELECT tenant_id, sha256, 'inbox' FROM cases.inbox_items
    UNION ALL SELECT tenant_id, sha256, 'scan-batch' FROM cases.scan_batches;
GRANT SELECT ON cases.blob_references TO ${app_role};

-- Results of the verify job: every referenced blob re-hashed; missing or changed bytes are reported.
CREATE TABLE cases.blob_checks (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('verify', 'sweep')),
    started_at timestamptz NOT NULL,
    finished_at timestamptz NOT NULL,
    checked integer NOT NULL,
    problems integer NOT NULL,
    details jsonb NOT NULL DEFAULT '[]'
);
SELECT platform.enable_tenant_rls('cases.blob_checks', '${app_role}', 'SELECT, INSERT');
