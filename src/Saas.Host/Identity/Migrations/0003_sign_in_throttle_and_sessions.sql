-- Hardening item 4 (issue 10): throttled sign-in and server-side sessions (docs/adr/0004, "Sign-in throttling and
-- sessions"). Platform data like the rest of the identity schema: not tenant-owned, no row level security.

-- Failed sign-ins per account (the user name, hashed), per client address and per OAuth client (device secrets),
-- counted in a fixed window that starts with the first failure. Shared by every replica, so a lockout holds on all
-- of them. Keys are bounded: a hostile user name is stored only as its SHA-256.
CREATE TABLE identity.sign_in_failures (
    scope text NOT NULL CHECK (scope IN ('account', 'address', 'client')),
    key text NOT NULL CHECK (length(key) <= 100),
    window_started_at timestamptz NOT NULL,
    failures integer NOT NULL,
    -- Attempts refused while blocked (not checked against the password, not audited one by one).
    refused integer NOT NULL DEFAULT 0,
    blocked_until timestamptz,
    CONSTRAINT pk_sign_in_failures PRIMARY KEY (scope, key)
);

CREATE INDEX ix_sign_in_failures_window ON identity.sign_in_failures (window_started_at);

-- Web sessions: the session cookie carries only the id (claim session_id); every request with the cookie checks
-- the row, so a logout (revoked_at) ends the session on every replica, and a copied cookie stops working.
CREATE TABLE identity.sessions (
    id uuid NOT NULL,
    tenant_key text CHECK (length(tenant_key) <= 100),
    subject text NOT NULL CHECK (length(subject) <= 400),
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    expires_at timestamptz NOT NULL,
    revoked_at timestamptz,
    -- The OpenIddict authorizations issued from this session (code flow): revoked with it, and their tokens too.
    authorization_ids text[] NOT NULL DEFAULT '{}',
    CONSTRAINT pk_sessions PRIMARY KEY (id)
);

CREATE INDEX ix_sessions_expires_at ON identity.sessions (expires_at);

GRANT SELECT, INSERT, UPDATE, DELETE ON identity.sign_in_failures TO ${app_role};
GRANT SELECT, INSERT, UPDATE, DELETE ON identity.sessions TO ${app_role};
