-- The e-Akte: one file per person per authority, and the documents in it.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE SCHEMA cases;
GRANT USAGE ON SCHEMA cases TO ${app_role};

CREATE TABLE cases.case_files (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    file_number text NOT NULL,
    surname text NOT NULL,
    given_names text NOT NULL DEFAULT '',
    birth_date date,
    nationalities text[] NOT NULL DEFAULT '{}',
    central_register_number text,
    name_variants text[] NOT NULL DEFAULT '{}',
    -- Kölner Phonetik of the surname and of every variant, so Mohammed, Muhammad and Mohamed meet.
    phonetic_codes text[] NOT NULL DEFAULT '{}',
    search_name text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    UNIQUE (tenant_id, file_number)
);
CREATE INDEX case_files_phonetic_idx ON cases.case_files USING gin (phonetic_codes);
CREATE INDEX case_files_tenant_surname_idx ON cases.case_files (tenant_id, surname);
CREATE INDEX case_files_name_trgm_idx ON cases.case_files USING gin (search_name gin_trgm_ops);
SELECT platform.enable_tenant_rls('cases.case_files', '${app_role}', 'SELECT, INSERT, UPDATE');

CREATE TABLE cases.documents (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    case_file_id uuid NOT NULL REFERENCES cases.case_files (id),
    document_type text NOT NULL,
    title text NOT NULL,
    source text NOT NULL CHECK (source IN ('upload', 'scan', 'mail', 'online-application', 'legacy-digitisation')),
    content_type text NOT NULL,
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    length bigint NOT NULL,
    paper_original boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL
);
CREATE INDEX documents_file_idx ON cases.documents (tenant_id, case_file_id, created_at);
-- Documents are immutable versions: no UPDATE, no DELETE for the application (retention deletes as owner).
SELECT platform.enable_tenant_rls('cases.documents', '${app_role}', 'SELECT, INSERT');
