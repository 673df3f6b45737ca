-- Versioned configuration documents (forms, fees, locations, ...) of each authority.
-- One row per version; history is never deleted (the application role has no DELETE).
CREATE SCHEMA metadata;
GRANT USAGE ON SCHEMA metadata TO ${app_role};

CREATE TABLE metadata.versions (
    tenant_id uuid NOT NULL,
    kind text NOT NULL,
    key text NOT NULL,
    version integer NOT NULL CHECK (version > 0),
    state text NOT NULL CHECK (state IN ('draft', 'published', 'superseded')),
    yaml text NOT NULL,
    spec jsonb NOT NULL,
    sha256 text NOT NULL,
    source_path text,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    published_at timestamptz,
    published_by text,
    PRIMARY KEY (tenant_id, kind, key, version)
);
-- At most one open draft and one published version per document.
CREATE UNIQUE INDEX versions_one_draft ON metadata.versions (tenant_id, kind, key) WHERE state = 'draft';
CREATE UNIQUE INDEX versions_one_published ON metadata.versions (tenant_id, kind, key) WHERE state = 'published';
SELECT platform.enable_tenant_rls('metadata.versions', '${app_role}', 'SELECT, INSERT, UPDATE');
