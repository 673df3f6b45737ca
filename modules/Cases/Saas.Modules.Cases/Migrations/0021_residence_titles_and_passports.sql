-- Residence titles and passports of a file's person (issue 12, item 4; docs/adr/0022). Records of what was issued or
-- shown: recorded by a decision or a caseworker, never changed; the application may only move them with a merged file.
CREATE TABLE cases.residence_titles (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    case_file_id uuid NOT NULL REFERENCES cases.case_files (id),
    case_id uuid REFERENCES cases.procedures (id),
    legal_basis text NOT NULL CHECK (legal_basis ~ '^AufenthG-[0-9]{1,3}[a-z]?$'),
    valid_from date NOT NULL,
    valid_until date CHECK (valid_until IS NULL OR valid_until >= valid_from),
    card_number text CHECK (card_number ~ '^[A-Z0-9]{9}$'),
    conditions text[] NOT NULL DEFAULT '{}',
    recorded_at timestamptz NOT NULL,
    recorded_by text NOT NULL
);
CREATE INDEX residence_titles_file_idx ON cases.residence_titles (tenant_id, case_file_id);
CREATE INDEX residence_titles_expiry_idx ON cases.residence_titles (tenant_id, valid_until) WHERE valid_until IS NOT NULL;
SELECT platform.enable_tenant_rls('cases.residence_titles', '${app_role}', 'SELECT, INSERT');

CREATE TABLE cases.passports (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    case_file_id uuid NOT NULL REFERENCES cases.case_files (id),
    number text NOT NULL CHECK (number ~ '^[A-Z0-9]{6,9}$'),
    issuing_state text NOT NULL CHECK (issuing_state ~ '^[A-Z]{3}$'),
    valid_until date NOT NULL,
    recorded_at timestamptz NOT NULL,
    recorded_by text NOT NULL
);
CREATE INDEX passports_file_idx ON cases.passports (tenant_id, case_file_id);
CREATE INDEX passports_expiry_idx ON cases.passports (tenant_id, valid_until);
SELECT platform.enable_tenant_rls('cases.passports', '${app_role}', 'SELECT, INSERT');
