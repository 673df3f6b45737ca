-- Digitisation of the paper files (Bestandsakten) by an external scanning company: boxes of files go out, scans
-- come back as batches with a scan protocol in the spirit of BSI TR-03138 (TR-RESISCAN), and a random sample of
-- each batch is checked by hand before the box is accepted (docs/legacy-digitisation.md).

CREATE TABLE cases.legacy_boxes (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    label text NOT NULL CHECK (length(label) BETWEEN 1 AND 100),
    vendor text,
    status text NOT NULL CHECK (status IN ('packed', 'sent', 'returned', 'in-qa', 'accepted', 'rejected')),
    packed_at timestamptz NOT NULL,
    sent_at timestamptz,
    returned_at timestamptz,
    accepted_at timestamptz,
    rejected_at timestamptz,
    rejection_reason text,
    created_by text NOT NULL,
    UNIQUE (tenant_id, label)
);
CREATE INDEX legacy_boxes_status_idx ON cases.legacy_boxes (tenant_id, status, packed_at);
SELECT platform.enable_tenant_rls('cases.legacy_boxes', '${app_role}', 'SELECT, INSERT, UPDATE');

-- A file is in at most one box that is not yet accepted: "open" is cleared when its box is accepted.
CREATE TABLE cases.legacy_box_files (
    tenant_id uuid NOT NULL,
    box_id uuid NOT NULL REFERENCES cases.legacy_boxes (id),
    case_file_id uuid NOT NULL REFERENCES cases.case_files (id),
    sheets integer CHECK (sheets > 0),
    open boolean NOT NULL DEFAULT true,
    PRIMARY KEY (box_id, case_file_id)
);
CREATE UNIQUE INDEX legacy_box_files_one_open_box_idx ON cases.legacy_box_files (tenant_id, case_file_id) WHERE open;
SELECT platform.enable_tenant_rls('cases.legacy_box_files', '${app_role}', 'SELECT, INSERT, UPDATE');

-- What the scanning company delivered for a box, with its scan protocol and the state of the quality check.
CREATE TABLE cases.legacy_scan_batches (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    box_id uuid NOT NULL REFERENCES cases.legacy_boxes (id),
    vendor text NOT NULL,
    scan_operator text NOT NULL,
    scanned_at timestamptz NOT NULL,
    device_make text NOT NULL,
    device_model text NOT NULL,
    device_serial text NOT NULL,
    resolution_dpi integer NOT NULL CHECK (resolution_dpi BETWEEN 100 AND 1200),
    colour_mode text NOT NULL CHECK (colour_mode IN ('bitonal', 'greyscale', 'colour')),
    format text NOT NULL,
    compression text NOT NULL,
    received_at timestamptz NOT NULL,
    received_by text NOT NULL,
    documents integer NOT NULL CHECK (documents > 0),
    declared_pages integer CHECK (declared_pages > 0),
    bytes bigint NOT NULL,
    archive_sha256 text NOT NULL CHECK (archive_sha256 ~ '^[0-9a-f]{64}$'),
    -- SHA-256 of the manifest in sha256sum format ("<sha256>  <path>\n", sorted by path): reproducible by hand.
    manifest_sha256 text NOT NULL CHECK (manifest_sha256 ~ '^[0-9a-f]{64}$'),
    qa_status text NOT NULL CHECK (qa_status IN ('in-qa', 'accepted', 'rejected')),
    qa_rate numeric(7, 6) NOT NULL CHECK (qa_rate > 0 AND qa_rate <= 1),
    qa_rate_reason text NOT NULL,
    sample_size integer NOT NULL CHECK (sample_size > 0 AND sample_size <= documents),
    sample_method text NOT NULL,
    sample_seed text NOT NULL,
    max_defect_rate numeric(7, 6) NOT NULL,
    defects integer,
    defect_rate numeric(7, 6),
    decided_at timestamptz,
    decided_by text,
    rejection_reason text
);
CREATE INDEX legacy_scan_batches_box_idx ON cases.legacy_scan_batches (tenant_id, box_id);
CREATE INDEX legacy_scan_batches_decided_idx ON cases.legacy_scan_batches (tenant_id, decided_at DESC) WHERE decided_at IS NOT NULL;
-- One delivery of a box is checked at a time.
CREATE UNIQUE INDEX legacy_scan_batches_one_in_qa_idx ON cases.legacy_scan_batches (box_id) WHERE qa_status = 'in-qa';
SELECT platform.enable_tenant_rls('cases.legacy_scan_batches', '${app_role}', 'SELECT, INSERT, UPDATE');

-- The manifest of a batch: every delivered file, the document made of it, and whether it was drawn for the check.
CREATE TABLE cases.legacy_batch_documents (
    tenant_id uuid NOT NULL,
    batch_id uuid NOT NULL REFERENCES cases.legacy_scan_batches (id),
    document_id uuid PRIMARY KEY REFERENCES cases.documents (id),
    case_file_id uuid NOT NULL REFERENCES cases.case_files (id),
    path text NOT NULL,
    sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    length bigint NOT NULL,
    content_type text NOT NULL,
    sampled boolean NOT NULL,
    UNIQUE (batch_id, path)
);
CREATE INDEX legacy_batch_documents_batch_idx ON cases.legacy_batch_documents (tenant_id, batch_id);
SELECT platform.enable_tenant_rls('cases.legacy_batch_documents', '${app_role}', 'SELECT, INSERT');

-- The check of one sampled document; it may be corrected until the batch is decided.
CREATE TABLE cases.legacy_qa_findings (
    tenant_id uuid NOT NULL,
    batch_id uuid NOT NULL REFERENCES cases.legacy_scan_batches (id),
    document_id uuid PRIMARY KEY REFERENCES cases.legacy_batch_documents (document_id),
    result text NOT NULL CHECK (result IN ('ok', 'defect')),
    category text CHECK (category IN ('missing-page', 'illegible', 'wrong-file', 'wrong-order', 'cut-off', 'other')),
    note text,
    checked_by text NOT NULL,
    checked_at timestamptz NOT NULL,
    CHECK ((result = 'ok') = (category IS NULL))
);
CREATE INDEX legacy_qa_findings_batch_idx ON cases.legacy_qa_findings (tenant_id, batch_id);
SELECT platform.enable_tenant_rls('cases.legacy_qa_findings', '${app_role}', 'SELECT, INSERT, UPDATE');
