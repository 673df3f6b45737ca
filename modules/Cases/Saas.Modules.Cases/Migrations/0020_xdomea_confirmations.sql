-- xdomea 3.0.0 for the hand-over (docs/adr/0015). A hand-over may now go to, or come from, a body outside the
-- platform: it is then known by its name, not by a platform key.
ALTER TABLE cases.transfers ADD COLUMN counterpart_on_platform boolean NOT NULL DEFAULT true;

-- The receiving side's answers to an Abgabe.Abgabe.0401, as xdomea messages in the same process:
-- 0402 Abgabe.ImportBestaetigen and 0403 Abgabe.EmpfangBestaetigen. 'out' rows are written here (this authority
-- received the file and confirms it), 'in' rows were read here (this authority handed the file over and the
-- receiver's confirmation was recorded, e.g. uploaded from a body outside the platform). The message is kept as
-- it was written or read; like the transfers, these rows are records of a fact: no UPDATE, no DELETE.
CREATE TABLE cases.transfer_confirmations (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    transfer_id uuid NOT NULL REFERENCES cases.transfers (id),
    direction text NOT NULL CHECK (direction IN ('out', 'in')),
    message_type text NOT NULL CHECK (message_type IN ('0402', '0403')),
    process_id uuid NOT NULL,
    -- 0402 only: whether the handed-over file was taken over.
    succeeded boolean,
    confirmed_at timestamptz NOT NULL,
    message_xml text NOT NULL CHECK (length(message_xml) BETWEEN 1 AND 1048576),
    created_at timestamptz NOT NULL DEFAULT now(),
    created_by text NOT NULL,
    UNIQUE (tenant_id, transfer_id, direction, message_type)
);
SELECT platform.enable_tenant_rls('cases.transfer_confirmations', '${app_role}', 'SELECT, INSERT');

-- The sender reads the receiver's import confirmation (0402) of a package it handed over, as the receiver wrote it.
-- The receiver's rows are invisible under row-level security, so this runs as the schema owner (BYPASSRLS), like
-- cases.transfer_was_sent. It answers only about the calling authority's own 'out' rows (its authority comes from
-- the connection's app.tenant_id, never from a parameter) and only with the confirmation the receiver wrote for
-- exactly the package the caller sent (same message id and hash, recorded by the receiver as coming from the
-- caller). It replaces cases.transfer_received_at (0018), which answered with the time of the import only.
CREATE FUNCTION cases.transfer_import_confirmation(p_message uuid)
RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT confirmation.message_xml
    FROM cases.transfers sent
    JOIN platform.tenants sender ON sender.id = sent.tenant_id
    JOIN platform.tenants receiver ON receiver.key = sent.counterpart_authority
    JOIN cases.transfers received ON received.tenant_id = receiver.id
        AND received.direction = 'in'
        AND received.message_id = sent.message_id
        AND received.package_sha256 = sent.package_sha256
        AND received.counterpart_authority = sender.key
        AND received.counterpart_on_platform
    JOIN cases.transfer_confirmations confirmation ON confirmation.tenant_id = receiver.id
        AND confirmation.transfer_id = received.id
        AND confirmation.direction = 'out'
        AND confirmation.message_type = '0402'
    WHERE sent.tenant_id = nullif(current_setting('app.tenant_id', true), '')::uuid
      AND sent.direction = 'out'
      AND sent.counterpart_on_platform
      AND sent.message_id = p_message
    LIMIT 1
$$;
REVOKE ALL ON FUNCTION cases.transfer_import_confirmation(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION cases.transfer_import_confirmation(uuid) TO ${app_role};

DROP FUNCTION cases.transfer_received_at(uuid);

-- A hand-over to a body outside the platform is known by that body's name, which may equal an authority's key:
-- such a package must not count as sent to that authority.
CREATE OR REPLACE FUNCTION cases.transfer_was_sent(p_sender uuid, p_message uuid, p_package_sha256 text)
RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER
SET search_path = pg_catalog, pg_temp
AS $$
    SELECT EXISTS (
        SELECT 1
        FROM cases.transfers t
        JOIN platform.tenants receiver ON receiver.key = t.counterpart_authority
        WHERE t.tenant_id = p_sender
          AND t.direction = 'out'
          AND t.counterpart_on_platform
          AND t.message_id = p_message
          AND t.package_sha256 = p_package_sha256
          AND receiver.id = nullif(current_setting('app.tenant_id', true), '')::uuid)
$$;
