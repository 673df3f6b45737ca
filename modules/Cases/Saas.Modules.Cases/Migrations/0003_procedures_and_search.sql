-- Cases (procedures, Vorgänge) inside a file, and search that can use its indexes under row-level security.
CREATE TABLE cases.procedures (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    case_file_id uuid NOT NULL REFERENCES cases.case_files (id),
    kind text NOT NULL,
    title text NOT NULL,
    status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    outcome text,
    opened_at timestamptz NOT NULL DEFAULT now(),
    closed_at timestamptz,
    created_by text NOT NULL
);
CREATE INDEX procedures_file_idx ON cases.procedures (tenant_id, case_file_id);
SELECT platform.enable_tenant_rls('cases.procedures', '${app_role}', 'SELECT, INSERT, UPDATE');

ALTER TABLE cases.documents ADD COLUMN procedure_id uuid REFERENCES cases.procedures (id);
-- When the person left the authority's district or Germany (AufenthV § 68 retention starts then).
ALTER TABLE cases.case_files ADD COLUMN departed_at date;
ALTER TABLE cases.case_files ADD COLUMN status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'transferred', 'deleted'));

-- German stemming with accents folded: "Aufenthaltsgenehmigung" finds "Aufenthaltsgenehmigüng", "Şahin" finds "Sahin".
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE TEXT SEARCH CONFIGURATION cases.german_unaccent (COPY = pg_catalog.german);
ALTER TEXT SEARCH CONFIGURATION cases.german_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH unaccent, german_stem;

DROP INDEX cases.document_pages_tsv_idx;
ALTER TABLE cases.document_pages DROP COLUMN tsv;
ALTER TABLE cases.document_pages ADD COLUMN tsv tsvector GENERATED ALWAYS AS (to_tsvector('cases.german_unaccent', text)) STORED;
CREATE INDEX document_pages_tsv_idx ON cases.document_pages USING gin (tsv);

-- Full-text search runs in this function (see docs/adr/0007-search-under-row-level-security.md). `@@` is not
-- LEAKPROOF, so under row-level security PostgreSQL may not use the GIN index and reads every page of the
-- authority instead. The function runs as the schema owner (BYPASSRLS) and applies the tenant itself: the
-- tenant comes from the connection's app.tenant_id only, never from a parameter, so a caller cannot name
-- another authority; with no tenant bound the answer is empty. Each search is planned with its actual words
-- (dynamic SQL), so the GIN index is used; snippets are HTML-safe (text escaped, only <mark> is markup).
CREATE FUNCTION cases.search_pages(q text, doc_type text, file uuid, procedure uuid, created_from timestamptz, created_to timestamptz, max_hits integer)
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
            SELECT d.id AS document_id, d.case_file_id, d.procedure_id, d.title, d.document_type, d.created_at, p.page,
                   ts_rank_cd(p.tsv, $2)::float8 AS rank
            FROM cases.document_pages p JOIN cases.documents d ON d.id = p.document_id
            WHERE p.tenant_id = $1 AND d.tenant_id = $1 AND p.tsv @@ $2
              AND ($3::text IS NULL OR d.document_type = $3)
              AND ($4::uuid IS NULL OR d.case_file_id = $4)
              AND ($5::uuid IS NULL OR d.procedure_id = $5)
              AND ($6::timestamptz IS NULL OR d.created_at >= $6)
              AND ($7::timestamptz IS NULL OR d.created_at < $7)
            ORDER BY rank DESC, d.created_at DESC, p.page
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
REVOKE ALL ON FUNCTION cases.search_pages(text, text, uuid, uuid, timestamptz, timestamptz, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cases.search_pages(text, text, uuid, uuid, timestamptz, timestamptz, integer) TO ${app_role};
