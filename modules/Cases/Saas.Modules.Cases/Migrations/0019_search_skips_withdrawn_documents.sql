-- A document withdrawn from its file (a wrong filing taken back, migration 0017) is no longer the file's: search does not
-- find it either. The function is otherwise the one of migration 0013.
CREATE OR REPLACE FUNCTION cases.search_pages(q text, doc_type text, file uuid, procedure uuid, created_from timestamptz, created_to timestamptz, max_hits integer)
RETURNS TABLE (document_id uuid, case_file_id uuid, procedure_id uuid, title text, document_type text, created_at timestamptz,
               page integer, snippet text, rank double precision)
LANGUAGE plpgsql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $fn$
DECLARE
    tenant uuid := nullif(current_setting('app.tenant_id', true), '')::uuid;
    tsq tsquery := websearch_to_tsquery('cases.german_unaccent', q);
BEGIN
    IF tenant IS NULL OR numnode(tsq) = 0 THEN
        RETURN;
    END IF;

    RETURN QUERY EXECUTE $sql$
        WITH hits AS (
            SELECT d.id AS document_id, d.case_file_id, d.procedure_id, d.title, d.document_type, d.created_at, v.page,
                   ts_rank_cd(v.tsv, $2)::float8 AS rank
            FROM cases.page_vectors v JOIN cases.documents d ON d.id = v.document_id
            WHERE v.tenant_id = $1 AND d.tenant_id = $1 AND v.tsv @@ $2
              AND d.withdrawn_at IS NULL
              AND ($3::text IS NULL OR d.document_type = $3)
              AND ($4::uuid IS NULL OR d.case_file_id = $4)
              AND ($5::uuid IS NULL OR d.procedure_id = $5)
              AND ($6::timestamptz IS NULL OR d.created_at >= $6)
              AND ($7::timestamptz IS NULL OR d.created_at < $7)
            ORDER BY rank DESC, d.created_at DESC, v.page
            LIMIT least(greatest($8, 1), 100))
        SELECT h.document_id, h.case_file_id, h.procedure_id, h.title, h.document_type, h.created_at, h.page,
               replace(replace(replace(replace(replace(
                   ts_headline('cases.german_unaccent', replace(replace(p.text, chr(2), ' '), chr(3), ' '), $2,
                               'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2, MaxWords=20, MinWords=8'),
                   '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), chr(2), '<mark>'), chr(3), '</mark>'),
               h.rank
        FROM hits h JOIN cases.document_pages p ON p.document_id = h.document_id AND p.page = h.page AND p.tenant_id = $1
        ORDER BY h.rank DESC, h.created_at DESC, h.page
    $sql$ USING tenant, tsq, doc_type, file, procedure, created_from, created_to, max_hits;
END
$fn$;
