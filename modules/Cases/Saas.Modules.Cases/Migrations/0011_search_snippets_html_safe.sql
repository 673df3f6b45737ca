-- Snippets are safe to render as HTML: the page text is HTML-escaped and only the <mark> tags around the
-- matched words are markup (the Elasticsearch implementation answers the same way).
CREATE OR REPLACE FUNCTION cases.search_pages(q text, doc_type text, file uuid, procedure uuid, created_from timestamptz, created_to timestamptz, max_hits integer)
RETURNS TABLE (document_id uuid, case_file_id uuid, procedure_id uuid, title text, document_type text, created_at timestamptz,
               page integer, snippet text, rank double precision)
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    WITH tenant AS (SELECT nullif(current_setting('app.tenant_id', true), '')::uuid AS id),
         query AS (SELECT websearch_to_tsquery('cases.german_unaccent', q) AS tsq),
         ranked AS (
             SELECT p.document_id, p.page, ts_rank_cd(p.tsv, query.tsq)::float8 AS rank
             FROM cases.document_pages p, tenant, query
             WHERE p.tenant_id = tenant.id AND p.tsv @@ query.tsq),
         hits AS (
             SELECT d.id AS document_id, d.case_file_id, d.procedure_id, d.title, d.document_type, d.created_at, r.page, r.rank
             FROM ranked r JOIN cases.documents d ON d.id = r.document_id, tenant
             WHERE d.tenant_id = tenant.id
               AND (doc_type IS NULL OR d.document_type = doc_type)
               AND (file IS NULL OR d.case_file_id = file)
               AND (procedure IS NULL OR d.procedure_id = procedure)
               AND (created_from IS NULL OR d.created_at >= created_from)
               AND (created_to IS NULL OR d.created_at < created_to)
             ORDER BY r.rank DESC, d.created_at DESC, r.page
             LIMIT least(greatest(max_hits, 1), 100))
    SELECT h.document_id, h.case_file_id, h.procedure_id, h.title, h.document_type, h.created_at, h.page,
           replace(replace(replace(replace(replace(
               ts_headline('cases.german_unaccent', replace(replace(p.text, chr(2), ' '), chr(3), ' '), query.tsq,
                           'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2, MaxWords=20, MinWords=8'),
               '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), chr(2), '<mark>'), chr(3), '</mark>'),
           h.rank
    FROM hits h JOIN cases.document_pages p ON p.document_id = h.document_id AND p.page = h.page, query
    ORDER BY h.rank DESC, h.created_at DESC, h.page
$$;
REVOKE ALL ON FUNCTION cases.search_pages(text, text, uuid, uuid, timestamptz, timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cases.search_pages(text, text, uuid, uuid, timestamptz, timestamptz, integer) TO ${app_role};
