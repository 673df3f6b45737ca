-- A digitised document deleted at the end of retention takes its line in the delivery manifest and its QA
-- finding with it; the batch's protocol (counts, rates, manifest hash) stays as the record of the delivery.
ALTER TABLE cases.legacy_batch_documents DROP CONSTRAINT legacy_batch_documents_document_id_fkey,
    ADD CONSTRAINT legacy_batch_documents_document_id_fkey FOREIGN KEY (document_id) REFERENCES cases.documents (id) ON DELETE CASCADE;
ALTER TABLE cases.legacy_qa_findings DROP CONSTRAINT legacy_qa_findings_document_id_fkey,
    ADD CONSTRAINT legacy_qa_findings_document_id_fkey FOREIGN KEY (document_id) REFERENCES cases.legacy_batch_documents (document_id) ON DELETE CASCADE;
GRANT DELETE ON cases.legacy_batch_documents, cases.legacy_qa_findings TO ${app_role};
