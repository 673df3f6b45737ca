-- The sender asks whether the receiver has imported a package it handed over, to show the hand-over's state
-- ("sent" or "received by the receiver, on ..."). The receiver's 'in' rows are invisible under row-level security,
-- so this runs as the schema owner (BYPASSRLS), like cases.transfer_was_sent. It answers only about the calling
-- authority's own 'out' rows (its authority comes from the connection's app.tenant_id, never from a parameter),
-- only with the time of the import, and only for an import of exactly the package the caller sent (same hash,
-- recorded by the receiver as coming from the caller).
CREATE FUNCTION cases.transfer_received_at(p_message uuid)
RETURNS timestamptz
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT received.created_at
    FROM cases.transfers sent
    JOIN platform.tenants sender ON sender.id = sent.tenant_id
    JOIN platform.tenants receiver ON receiver.key = sent.counterpart_authority
    JOIN cases.transfers received ON received.tenant_id = receiver.id
        AND received.direction = 'in'
        AND received.message_id = sent.message_id
        AND received.package_sha256 = sent.package_sha256
        AND received.counterpart_authority = sender.key
    WHERE sent.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
      AND sent.direction = 'out'
      AND sent.message_id = p_message
    LIMIT 1
$$;
REVOKE ALL ON FUNCTION cases.transfer_received_at(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cases.transfer_received_at(uuid) TO ${app_role};
