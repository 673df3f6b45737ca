-- A document already in a file can be filed into one of the file's cases (or taken out of it) afterwards: the
-- application may change exactly that link. The content, type, title and file of a document stay insert-only here.
GRANT UPDATE (procedure_id) ON cases.documents TO ${app_role};
