-- Refunds of a paid payment (issue 13 item 5; docs/adr/0030): with a reason, at most what was paid less earlier
-- refunds, and approved by a second person, never the one who asked for it.
CREATE TABLE fees.refunds (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    payment_id uuid NOT NULL REFERENCES fees.payments (id),
    amount numeric(12, 2) NOT NULL CHECK (amount > 0),
    reason text NOT NULL CHECK (length(btrim(reason)) > 0),
    status text NOT NULL CHECK (status IN ('requested', 'approved')),
    requested_by text NOT NULL,
    requested_at timestamptz NOT NULL,
    approved_by text,
    approved_at timestamptz,
    -- Four eyes, also in the database: the approver is not the requester.
    CHECK (approved_by IS NULL OR approved_by <> requested_by),
    CHECK ((status = 'approved') = (approved_by IS NOT NULL))
);
CREATE INDEX refunds_payment_idx ON fees.refunds (tenant_id, payment_id);
CREATE INDEX refunds_approved_idx ON fees.refunds (tenant_id, approved_at) WHERE status = 'approved';
SELECT platform.enable_tenant_rls('fees.refunds', '${app_role}', 'SELECT, INSERT, UPDATE');
