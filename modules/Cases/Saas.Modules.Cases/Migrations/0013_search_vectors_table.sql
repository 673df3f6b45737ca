-- The search vectors move out of cases.document_pages into a narrow table of their own. A frequent word is on a
-- third of an authority's pages, and ranking it reads every matching row: with the page text beside the vector
-- (about 1,300 bytes a row) that was 440 MB of heap for 340,000 pages, with the vector alone 180 MB, and the
-- ranked top 20 of such a word took 30–45 % less time in a trial on the benchmark's data. The text stays in
-- document_pages (snippets of the 20 hits, re-extraction, Elasticsearch re-indexing).
--
-- The vectors follow the pages by themselves: statement triggers compute them for every inserted or changed page
-- (bulk-friendly: one INSERT … SELECT per statement), and deleting a page (retention, re-extraction) deletes its
-- vector by the foreign key. No application code writes this table.
CREATE TABLE cases.page_vectors (
    tenant_id uuid NOT NULL,
    document_id uuid NOT NULL,
    page integer NOT NULL,
    tsv tsvector NOT NULL,
    PRIMARY KEY (document_id, page),
    FOREIGN KEY (document_id, page) REFERENCES cases.document_pages (document_id, page) ON DELETE CASCADE
);
SELECT platform.enable_tenant_rls('cases.page_vectors', '${app_role}', 'SELECT, INSERT, UPDATE, DELETE');

INSERT INTO cases.page_vectors (tenant_id, document_id, page, tsv)
SELECT tenant_id, document_id, page, tsv FROM cases.document_pages;
CREATE INDEX page_vectors_tsv_idx ON cases.page_vectors USING gin (tsv);
DROP INDEX cases.document_pages_tsv_idx;
-- Dropping the column does not rewrite existing rows; an installation with many pages reclaims the space with
-- VACUUM FULL cases.document_pages in a maintenance window (new rows are narrow at once).
ALTER TABLE cases.document_pages DROP COLUMN tsv;

CREATE FUNCTION cases.vectorise_added_pages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO cases.page_vectors (tenant_id, document_id, page, tsv)
    SELECT a.tenant_id, a.document_id, a.page, to_tsvector('cases.german_unaccent', a.text) FROM added a;
    RETURN NULL;
END $$;
CREATE TRIGGER document_pages_vectorise_insert AFTER INSERT ON cases.document_pages
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION cases.vectorise_added_pages();

CREATE FUNCTION cases.vectorise_changed_pages() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE cases.page_vectors v SET tsv = to_tsvector('cases.german_unaccent', c.text)
    FROM changed c WHERE v.document_id = c.document_id AND v.page = c.page;
    RETURN NULL;
END $$;
CREATE TRIGGER document_pages_vectorise_update AFTER UPDATE ON cases.document_pages
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION cases.vectorise_changed_pages();

-- The search function (ADR 0007) matches and ranks on the narrow table and reads the text only for the hits' snippets.
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
