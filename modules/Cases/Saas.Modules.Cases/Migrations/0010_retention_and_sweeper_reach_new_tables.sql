-- A digitised document deleted at the end of retention takes its line in the delivery manifest and its QA
-- finding with it; the batch's protocol (counts, rates, manifest hash) stays as the record of the delivery.
ALTER TABLE cases.legacy_batch_documents DROP CONSTRAINT legacy_batch_documents_document_id_fkey,
    ADD CONSTRAINT legacy_batch_documents_document_id_fkey FOREIGN KEY (document_id) REFERENCES cases.documents (id) ON DELETE CASCADE;
ALTER TABLE cases.legacy_qa_findings DROP CONSTRAINT legacy_qa_findings_document_id_fkey,
    ADD CONSTRAINT legacy_qa_findings_document_id_fkey FOREIGN KEY (document_id) REFERENCES cases.legacy_batch_documents (document_id) ON DELETE CASCADE;
GRANT DELETE ON cases.legacy_batch_documents, cases.legacy_qa_findings TO ${app_role};

-- Hand-over packages are blobs too: the sweeper must not take them for orphans.
CREATE OR REPLACE VIEW cases.blob_references WITH (security_invoker = true) AS
    SELECT tenant_id, sha256, 'document' AS kind FROM cases.documents
    UNION ALL SELECT tenant_id, sha256, 'inbox' FROM cases.inbox_items
    UNION ALL SELECT tenant_id, sha256, 'scan-batch' FROM cases.scan_batches
    UNION ALL SELECT tenant_id, package_blob_key, 'transfer-package' FROM cases.transfers;
