-- The platform kernel: tenant registry, the tenant-isolation helpers every module uses, and shared tables.
CREATE SCHEMA IF NOT EXISTS platform;
GRANT USAGE ON SCHEMA platform TO ${app_role};

-- The tenant the current session works for, or NULL. Row-level security policies compare tenant_id with it,
-- so with no tenant set every tenant-owned table looks empty (fail closed).
CREATE OR REPLACE FUNCTION platform.current_tenant_id() RETURNS uuid
    LANGUAGE sql STABLE PARALLEL SAFE
    AS $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;

-- Turns a tenant-owned table into one the application role can only see and write for the current tenant.
-- FORCE applies the policy to the table owner too; the application role owns nothing and has no BYPASSRLS.
CREATE OR REPLACE FUNCTION platform.enable_tenant_rls(tbl regclass, app_role text, privileges text DEFAULT 'SELECT, INSERT, UPDATE, DELETE')
    RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', tbl);
    EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', tbl);
    EXECUTE format('DROP POLICY IF EXISTS tenant_isolation ON %s', tbl);
    -- The expression is written out rather than calling platform.current_tenant_id(): a SQL function in a policy
    -- is inlined by the planner on every (unprepared) query, which measured as most of the cost of RLS.
    EXECUTE format('CREATE POLICY tenant_isolation ON %s USING (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid) WITH CHECK (tenant_id = nullif(current_setting(''app.tenant_id'', true), '''')::uuid)', tbl);
    EXECUTE format('GRANT %s ON %s TO %I', privileges, tbl, app_role);
END $$;

-- The tenant registry. It is platform data (not tenant-owned): resolution reads it before any tenant is known.
-- Rows are projected from each authority's published tenant.yaml.
CREATE TABLE platform.tenants (
    id uuid PRIMARY KEY,
    key text NOT NULL UNIQUE CHECK (key ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name text NOT NULL,
    hosts text[] NOT NULL DEFAULT '{}',
    modules text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tenants_hosts_idx ON platform.tenants USING gin (hosts);
GRANT SELECT, INSERT, UPDATE ON platform.tenants TO ${app_role};

-- ASP.NET Core data-protection keys, shared by all replicas so the host stays stateless.
CREATE TABLE platform.data_protection_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    friendly_name text,
    xml text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
GRANT SELECT, INSERT ON platform.data_protection_keys TO ${app_role};
