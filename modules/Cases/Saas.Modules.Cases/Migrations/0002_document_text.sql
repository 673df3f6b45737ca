-- Text of each document page (pdftotext; OCR for scans to follow), searchable with German stemming.
CREATE TABLE cases.document_pages (
    tenant_id uuid NOT NULL,
    document_id uuid NOT NULL REFERENCES cases.documents (id),
    page integer NOT NULL CHECK (page > 0),
    text text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('german', text)) STORED,
    PRIMARY KEY (document_id, page)
);
CREATE INDEX document_pages_tenant_idx ON cases.document_pages (tenant_id, document_id);
CREATE INDEX document_pages_tsv_idx ON cases.document_pages USING gin (tsv);
SELECT platform.enable_tenant_rls('cases.document_pages', '${app_role}', 'SELECT, INSERT, DELETE');

-- Where text extraction stands for each document; failures are visible and can be retried.
CREATE TABLE cases.text_extractions (
    tenant_id uuid NOT NULL,
    document_id uuid PRIMARY KEY REFERENCES cases.documents (id),
    status text NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
    attempts integer NOT NULL DEFAULT 0,
    pages integer,
    error text,
    updated_at timestamptz NOT NULL DEFAULT now()
);
SELECT platform.enable_tenant_rls('cases.text_extractions', '${app_role}', 'SELECT, INSERT, UPDATE');
