-- Least privilege for the application role (hardening item 3). 0001 and 0003 granted more than any statement of
-- the running application needs; a new migration takes it back, because applied migrations are checksummed.

-- The tenant registry (hosts, modules) is written only by the importer, which runs as the owner role
-- (`saas tenants import`, the start-up import). Requests only read it.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON platform.tenants FROM ${app_role};

-- The audit chain: the application may read, and append only through the two functions below, which run as the
-- owner (who bypasses row-level security, so they name the authority in every statement and accept only the
-- caller's bound authority) and accept only events that continue the chain from its head. The role can no longer move a head back (cutting off a tail unnoticed) or
-- set it to any hash, nor insert events that bypass the head.
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit.chain_heads FROM ${app_role};
REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON audit.events FROM ${app_role};

-- Creates the authority's head at genesis if needed and locks it for the rest of the caller's transaction.
CREATE FUNCTION audit.lock_chain_head(p_tenant uuid, OUT head_seq bigint, OUT head_hash text)
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF p_tenant IS DISTINCT FROM platform.current_tenant_id() THEN
        RAISE EXCEPTION 'audit: the chain belongs to the current authority only' USING ERRCODE = '42501';
    END IF;
    INSERT INTO audit.chain_heads AS h (tenant_id, last_seq, last_hash) VALUES (p_tenant, 0, 'genesis')
    ON CONFLICT (tenant_id) DO UPDATE SET last_seq = h.last_seq
    RETURNING h.last_seq, h.last_hash INTO head_seq, head_hash;
END $$;

-- Appends events that continue the chain (consecutive numbers, each linked to the one before, the first to the
-- head) and moves the head to the last of them. Hashes themselves are checked by `saas audit verify`.
CREATE FUNCTION audit.append_events(p_tenant uuid, p_seq bigint[], p_occurred_at timestamptz[], p_actor text[],
    p_actor_name text[], p_action text[], p_record_type text[], p_record_id text[], p_details text[],
    p_personal_data boolean[], p_client_ip text[], p_trace_id text[], p_prev_hash text[], p_hash text[]) RETURNS void
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    head_seq bigint;
    head_hash text;
    n integer := coalesce(cardinality(p_seq), 0);
BEGIN
    IF p_tenant IS DISTINCT FROM platform.current_tenant_id() THEN
        RAISE EXCEPTION 'audit: the chain belongs to the current authority only' USING ERRCODE = '42501';
    END IF;
    IF n = 0 THEN
        RETURN;
    END IF;
    IF coalesce(cardinality(p_hash), 0) <> n OR coalesce(cardinality(p_prev_hash), 0) <> n THEN
        RAISE EXCEPTION 'audit: every event needs its number, link and hash' USING ERRCODE = '22023';
    END IF;
    SELECT h.last_seq, h.last_hash INTO head_seq, head_hash FROM audit.chain_heads h WHERE h.tenant_id = p_tenant FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'audit: the chain head is not locked (audit.lock_chain_head first)' USING ERRCODE = '55000';
    END IF;
    IF EXISTS (
        SELECT 1 FROM unnest(p_seq, p_prev_hash) WITH ORDINALITY AS e(seq, prev, i)
        WHERE e.seq IS DISTINCT FROM head_seq + e.i
           OR e.prev IS DISTINCT FROM CASE WHEN e.i = 1 THEN head_hash ELSE p_hash[e.i - 1] END) THEN
        RAISE EXCEPTION 'audit: the events do not continue the chain at %', head_seq USING ERRCODE = '23514';
    END IF;
    INSERT INTO audit.events (tenant_id, seq, occurred_at, actor, actor_name, action, record_type, record_id, details,
                              personal_data, client_ip, trace_id, prev_hash, hash)
    SELECT p_tenant, e.* FROM unnest(p_seq, p_occurred_at, p_actor, p_actor_name, p_action, p_record_type, p_record_id,
                                     p_details, p_personal_data, p_client_ip, p_trace_id, p_prev_hash, p_hash) AS e;
    UPDATE audit.chain_heads SET last_seq = p_seq[n], last_hash = p_hash[n] WHERE tenant_id = p_tenant;
END $$;

REVOKE ALL ON FUNCTION audit.lock_chain_head(uuid) FROM PUBLIC;
REVOKE ALL ON FUNCTION audit.append_events(uuid, bigint[], timestamptz[], text[], text[], text[], text[], text[], text[], boolean[], text[], text[], text[], text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION audit.lock_chain_head(uuid) TO ${app_role};
GRANT EXECUTE ON FUNCTION audit.append_events(uuid, bigint[], timestamptz[], text[], text[], text[], text[], text[], text[], boolean[], text[], text[], text[], text[]) TO ${app_role};
