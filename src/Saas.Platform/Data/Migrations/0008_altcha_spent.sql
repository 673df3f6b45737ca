-- Spent ALTCHA solutions (docs/adr/0036): a solution allows one write. Its nonce is inserted in the transaction of
-- that write, so the primary key refuses a second use (also one racing in parallel) and a write that fails leaves
-- the solution unspent. Rows of expired challenges are deleted as new ones are spent.
CREATE TABLE platform.altcha_spent (
    tenant_id uuid NOT NULL,
    nonce text NOT NULL CHECK (nonce ~ '^[0-9a-f]{32}$'),
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, nonce)
);
CREATE INDEX altcha_spent_expiry_idx ON platform.altcha_spent (tenant_id, expires_at);
SELECT platform.enable_tenant_rls('platform.altcha_spent', '${app_role}', 'SELECT, INSERT, DELETE');
