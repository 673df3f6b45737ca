-- Fees (issue 13; docs/adr/0027): a fee calculated for a case, with every line explained, as it was shown.
-- The e-Akte keeps the case record (docs/adr/0014); the case is referred to by id only, not by foreign key.
CREATE SCHEMA fees;
GRANT USAGE ON SCHEMA fees TO ${app_role};

CREATE TABLE fees.calculations (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    case_id uuid NOT NULL,
    tariff text NOT NULL,
    -- The date whose schedule applied (the caller's), the facts it was computed from, and the schedules it read.
    on_date date NOT NULL,
    facts jsonb NOT NULL,
    lines jsonb NOT NULL,
    schedules text[] NOT NULL,
    total numeric(12, 2) NOT NULL CHECK (total >= 0),
    currency text NOT NULL CHECK (currency = 'EUR'),
    -- False when a line or rule applied was marked as not checked against the legal text.
    confirmed boolean NOT NULL,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL
);
CREATE INDEX calculations_case_idx ON fees.calculations (tenant_id, case_id, created_at);
-- A calculation is kept as it was computed: the application may insert and read it, never change it.
SELECT platform.enable_tenant_rls('fees.calculations', '${app_role}', 'SELECT, INSERT');
