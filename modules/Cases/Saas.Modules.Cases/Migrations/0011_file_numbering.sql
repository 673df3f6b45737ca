-- File numbers in each authority's own scheme (metadata kind file-numbering): a gap-free counter per year.
CREATE TABLE cases.file_number_counters (
    tenant_id uuid NOT NULL,
    year integer NOT NULL,
    next_value bigint NOT NULL,
    PRIMARY KEY (tenant_id, year)
);
SELECT platform.enable_tenant_rls('cases.file_number_counters', '${app_role}', 'SELECT, INSERT, UPDATE');
