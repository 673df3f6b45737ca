-- Hand-overs of a file between two authorities of the platform (Wegzug at the sender, Zuzug at the receiver).
-- Each side keeps its own row: 'out' at the sender, 'in' at the receiver, with the package exactly as it left
-- or arrived, stored in that authority's blob store. The rows are records of a fact: no UPDATE, no DELETE.
CREATE TABLE cases.transfers (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    case_file_id uuid NOT NULL REFERENCES cases.case_files (id),
    direction text NOT NULL CHECK (direction IN ('out', 'in')),
    -- Key of the other authority (platform.tenants.key): the receiver for 'out', the sender for 'in'.
    counterpart_authority text NOT NULL,
    message_id uuid NOT NULL,
    reason text,
    document_count integer NOT NULL CHECK (document_count >= 0),
    package_sha256 text NOT NULL CHECK (package_sha256 ~ '^[0-9a-f]{64}$'),
    -- Address of the package in the authority's blob store. The store is content-addressed, so today this is the
    -- package's SHA-256; it is a column of its own so that a store with other keys needs no migration.
    package_blob_key text NOT NULL,
    package_length bigint NOT NULL CHECK (package_length > 0),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    -- A message is handed over once and imported once.
    UNIQUE (tenant_id, direction, message_id)
);
CREATE INDEX transfers_file_idx ON cases.transfers (tenant_id, case_file_id);
SELECT platform.enable_tenant_rls('cases.transfers', '${app_role}', 'SELECT, INSERT');

-- The receiver asks whether the sender really handed this very package to it: the sender's 'out' row with the
-- same message id and package hash, addressed to the calling authority. The sender's rows are invisible under
-- row-level security, so this runs as the schema owner (BYPASSRLS), like cases.search_pages. It answers yes or
-- no only, and only about packages addressed to the caller, whose authority comes from the connection's
-- app.tenant_id and never from a parameter; to ask at all one needs the message id and the package's hash.
CREATE FUNCTION cases.transfer_was_sent(p_sender uuid, p_message uuid, p_package_sha256 text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT 1
        FROM cases.transfers t
        JOIN platform.tenants receiver ON receiver.key = t.counterpart_authority
        WHERE t.tenant_id = p_sender
          AND t.direction = 'out'
          AND t.message_id = p_message
          AND t.package_sha256 = p_package_sha256
          AND receiver.id = nullif(current_setting('app.tenant_id', true), '')::uuid)
$$;
REVOKE ALL ON FUNCTION cases.transfer_was_sent(uuid, uuid, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cases.transfer_was_sent(uuid, uuid, text) TO ${app_role};
