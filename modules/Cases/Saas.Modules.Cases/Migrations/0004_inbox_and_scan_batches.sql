-- Scan center and incoming mail: cover sheets route scanned documents to their file; whatever cannot be routed
-- (no readable cover sheet, a cover sheet of another authority, a mail) lands in the inbox with suggestions.

-- A printed cover sheet (Deckblatt): its QR code names the authority and this row, which names file and type.
CREATE TABLE cases.cover_sheets (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    case_file_id uuid NOT NULL REFERENCES cases.case_files (id),
    procedure_id uuid REFERENCES cases.procedures (id),
    document_type text NOT NULL,
    title text,
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL
);
SELECT platform.enable_tenant_rls('cases.cover_sheets', '${app_role}', 'SELECT, INSERT');

-- An imported batch from the scan center (a multi-page PDF or a ZIP of PDFs and images).
CREATE TABLE cases.scan_batches (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    file_name text NOT NULL,
    sha256 text NOT NULL,
    length bigint NOT NULL,
    status text NOT NULL DEFAULT 'received' CHECK (status IN ('received', 'processed', 'failed')),
    pages integer,
    documents integer,
    inbox_items integer,
    error text,
    received_at timestamptz NOT NULL DEFAULT now(),
    received_by text NOT NULL,
    processed_at timestamptz
);
SELECT platform.enable_tenant_rls('cases.scan_batches', '${app_role}', 'SELECT, INSERT, UPDATE');

CREATE TABLE cases.inbox_items (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    source text NOT NULL CHECK (source IN ('scan', 'mail')),
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'assigned', 'discarded')),
    -- Why it is here: no-cover-sheet, unknown-cover-sheet, foreign-cover-sheet, mail.
    reason text NOT NULL,
    title text NOT NULL,
    content_type text NOT NULL,
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    length bigint NOT NULL,
    pages integer,
    batch_id uuid REFERENCES cases.scan_batches (id),
    mail_from text,
    mail_subject text,
    mail_date timestamptz,
    text text NOT NULL DEFAULT '',
    suggestions jsonb NOT NULL DEFAULT '[]',
    received_at timestamptz NOT NULL DEFAULT now(),
    assigned_file_id uuid REFERENCES cases.case_files (id),
    assigned_by text,
    assigned_at timestamptz
);
CREATE INDEX inbox_items_open_idx ON cases.inbox_items (tenant_id, status, received_at);
SELECT platform.enable_tenant_rls('cases.inbox_items', '${app_role}', 'SELECT, INSERT, UPDATE');

-- Documents routed from a batch or assigned from the inbox remember where they came from.
ALTER TABLE cases.documents ADD COLUMN batch_id uuid REFERENCES cases.scan_batches (id);
ALTER TABLE cases.documents ADD COLUMN inbox_item_id uuid REFERENCES cases.inbox_items (id);
ALTER TABLE cases.documents ADD COLUMN pages integer;
