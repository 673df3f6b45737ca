-- The call system (Aufrufanlage; issue 15, item 5; docs/adr/0037): a ticket per person who checked in at a kiosk
-- (with a booking, or drawn for a service as a walk-in), numbered per location and day, called to a counter.
-- The number comes from ticket_numbers, incremented by one upsert, so two kiosks never draw the same number.
CREATE TABLE appointments.ticket_numbers (
    tenant_id uuid NOT NULL,
    location text NOT NULL,
    day date NOT NULL,
    last integer NOT NULL,
    PRIMARY KEY (tenant_id, location, day)
);
SELECT platform.enable_tenant_rls('appointments.ticket_numbers', '${app_role}');

CREATE TABLE appointments.tickets (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    location text NOT NULL,
    day date NOT NULL,
    seq integer NOT NULL,
    number text NOT NULL,
    service text NOT NULL,
    zone text NOT NULL,
    booking_id uuid,
    appointment_at timestamptz,
    status text NOT NULL CHECK (status IN ('waiting', 'called', 'parked', 'done', 'no-show')),
    counter text,
    wanted_counter text,
    calls integer NOT NULL DEFAULT 0,
    arrived_at timestamptz NOT NULL,
    called_at timestamptz,
    first_called_at timestamptz,
    finished_at timestamptz,
    version integer NOT NULL DEFAULT 0,
    CHECK (status <> 'called' OR (counter IS NOT NULL AND called_at IS NOT NULL))
);
CREATE UNIQUE INDEX tickets_number_idx ON appointments.tickets (tenant_id, location, day, seq);
-- One ticket per booking: a second scan of the same code returns the first ticket.
CREATE UNIQUE INDEX tickets_booking_idx ON appointments.tickets (tenant_id, booking_id) WHERE booking_id IS NOT NULL;
-- A counter serves one person at a time, decided by the database.
CREATE UNIQUE INDEX tickets_one_per_counter ON appointments.tickets (tenant_id, location, counter) WHERE status = 'called';
CREATE INDEX tickets_queue_idx ON appointments.tickets (tenant_id, location, day, arrived_at) WHERE status = 'waiting';
SELECT platform.enable_tenant_rls('appointments.tickets', '${app_role}');
