-- The waitlist (issue 15, item 2; docs/adr/0031): a person waits for a slot of one appointment type between two days;
-- a seat freed by a cancellation or a move is offered to the first who waits for its day, as a hold bound to them.
CREATE TABLE appointments.waitlist (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    appointment_type text NOT NULL,
    person_name text NOT NULL,
    birth_date date NOT NULL,
    person_key text NOT NULL,
    email text NOT NULL,
    language text NOT NULL,
    earliest date NOT NULL,
    latest date NOT NULL,
    status text NOT NULL CHECK (status IN ('waiting', 'offered', 'withdrawn')),
    token_hash bytea NOT NULL,
    offered_booking uuid,
    created_at timestamptz NOT NULL,
    offered_at timestamptz,
    CHECK (latest >= earliest)
);
CREATE UNIQUE INDEX waitlist_token_idx ON appointments.waitlist (tenant_id, token_hash);
-- One waiting place per person and type, decided by the database.
CREATE UNIQUE INDEX waitlist_one_per_person ON appointments.waitlist (tenant_id, appointment_type, person_key) WHERE status = 'waiting';
CREATE INDEX waitlist_queue_idx ON appointments.waitlist (tenant_id, appointment_type, created_at) WHERE status = 'waiting';
SELECT platform.enable_tenant_rls('appointments.waitlist', '${app_role}');
