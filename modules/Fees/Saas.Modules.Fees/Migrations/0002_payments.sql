-- Online payments of a stored calculation (issue 13 item 3; docs/adr/0030), through one provider interface.
-- The amount is the calculation's; the request id (calculation + attempt) is unique per authority, so a repeated start
-- finds the same transaction. The status is the provider's as last polled and never goes back.
CREATE TABLE fees.payments (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    calculation_id uuid NOT NULL,
    case_id uuid NOT NULL,
    tariff text NOT NULL,
    attempt integer NOT NULL CHECK (attempt >= 1),
    request_id text NOT NULL CHECK (length(request_id) <= 36),
    location text NOT NULL,
    originator_id text NOT NULL,
    end_point_id text NOT NULL,
    transaction_id text NOT NULL,
    transaction_reference text,
    pay_url text,
    amount numeric(12, 2) NOT NULL CHECK (amount > 0),
    currency text NOT NULL CHECK (currency = 'EUR'),
    purpose text NOT NULL CHECK (length(purpose) <= 27),
    status text NOT NULL CHECK (status IN ('initial', 'payed', 'failed', 'canceled')),
    payment_method text,
    created_at timestamptz NOT NULL,
    created_by text NOT NULL,
    polled_at timestamptz,
    settled_at timestamptz,
    UNIQUE (tenant_id, request_id),
    UNIQUE (tenant_id, calculation_id, attempt)
);
CREATE INDEX payments_open_idx ON fees.payments (tenant_id, created_at) WHERE status = 'initial';
CREATE INDEX payments_calculation_idx ON fees.payments (tenant_id, calculation_id);
-- The status moves forward by the poller and the payer's return; rows are never deleted.
SELECT platform.enable_tenant_rls('fees.payments', '${app_role}', 'SELECT, INSERT, UPDATE');

-- Every change of a payment and every provider answer that was refused (unknown transaction, changed amount, status
-- going back, a malformed answer), kept as it happened.
CREATE TABLE fees.payment_events (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    payment_id uuid NOT NULL REFERENCES fees.payments (id),
    at timestamptz NOT NULL,
    kind text NOT NULL CHECK (kind IN ('created', 'status', 'refused')),
    from_status text,
    to_status text,
    detail text,
    actor text NOT NULL
);
CREATE INDEX payment_events_payment_idx ON fees.payment_events (tenant_id, payment_id, at);
SELECT platform.enable_tenant_rls('fees.payment_events', '${app_role}', 'SELECT, INSERT');
