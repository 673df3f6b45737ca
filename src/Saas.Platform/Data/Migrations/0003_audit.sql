-- Append-only audit trail, hash-chained per authority: a changed, deleted or cut-off row breaks the chain.
CREATE SCHEMA audit;
GRANT USAGE ON SCHEMA audit TO ${app_role};

CREATE TABLE audit.events (
    tenant_id uuid NOT NULL,
    seq bigint NOT NULL CHECK (seq > 0),
    occurred_at timestamptz NOT NULL,
    actor text NOT NULL,
    actor_name text,
    action text NOT NULL,
    record_type text NOT NULL,
    record_id text,
    details text,
    personal_data boolean NOT NULL DEFAULT false,
    client_ip text,
    trace_id text,
    prev_hash text NOT NULL,
    hash text NOT NULL,
    PRIMARY KEY (tenant_id, seq)
);
CREATE INDEX events_record_idx ON audit.events (tenant_id, record_type, record_id);
-- The application may only read and append.
SELECT platform.enable_tenant_rls('audit.events', '${app_role}', 'SELECT, INSERT');

-- The chain's head, updated in the same transaction as each append; lets verification notice a cut-off tail.
CREATE TABLE audit.chain_heads (
    tenant_id uuid PRIMARY KEY,
    last_seq bigint NOT NULL,
    last_hash text NOT NULL
);
SELECT platform.enable_tenant_rls('audit.chain_heads', '${app_role}', 'SELECT, INSERT, UPDATE');

CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit.events is append-only';
END $$;
CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON audit.events FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON audit.events FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
