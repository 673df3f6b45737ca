-- A caseworker may correct a document's title and type after filing, and move a document into another file of the
-- authority (Features/Documents: EditDocumentDetails, MoveDocument). The application may change exactly these
-- links and labels; the content (sha256, length, content type) and its origin stay insert-only.
GRANT UPDATE (title, document_type, case_file_id) ON cases.documents TO ${app_role};
