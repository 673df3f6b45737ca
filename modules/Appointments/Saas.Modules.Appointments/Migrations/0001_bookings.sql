-- Appointments (issue 15; docs/adr/0028): bookings and the seats of slots they hold.
-- Appointment types are metadata (kind appointment-type); a booking names its type, location and service by key.
CREATE SCHEMA appointments;
GRANT USAGE ON SCHEMA appointments TO ${app_role};

CREATE TABLE appointments.bookings (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    appointment_type text NOT NULL,
    location text NOT NULL,
    service text NOT NULL,
    starts_at timestamptz NOT NULL,
    ends_at timestamptz NOT NULL CHECK (ends_at > starts_at),
    -- held: reserved for a short while, until confirmed or the hold runs out; cancelled bookings keep their row.
    status text NOT NULL CHECK (status IN ('held', 'confirmed', 'cancelled')),
    hold_expires_at timestamptz,
    -- The cancellation link's token, only as its SHA-256 hash.
    cancel_token_hash bytea NOT NULL,
    email text NOT NULL,
    person_name text NOT NULL,
    created_at timestamptz NOT NULL,
    confirmed_at timestamptz,
    cancelled_at timestamptz,
    CHECK (status <> 'held' OR hold_expires_at IS NOT NULL)
);
CREATE INDEX bookings_slot_idx ON appointments.bookings (tenant_id, location, service, starts_at);
CREATE UNIQUE INDEX bookings_cancel_token_idx ON appointments.bookings (cancel_token_hash);
SELECT platform.enable_tenant_rls('appointments.bookings', '${app_role}', 'SELECT, INSERT, UPDATE');

-- One row per taken seat of a slot. The unique key is what makes a double booking impossible: of two transactions
-- inserting the same seat of the same slot, the database lets exactly one commit; code never checks first.
-- A cancelled or expired hold deletes its seat, which frees it for the next booking.
CREATE TABLE appointments.slot_seats (
    tenant_id uuid NOT NULL,
    location text NOT NULL,
    service text NOT NULL,
    starts_at timestamptz NOT NULL,
    seat int NOT NULL CHECK (seat >= 0),
    booking_id uuid NOT NULL UNIQUE REFERENCES appointments.bookings (id),
    CONSTRAINT slot_seats_one_booking_per_seat UNIQUE (tenant_id, location, service, starts_at, seat)
);
SELECT platform.enable_tenant_rls('appointments.slot_seats', '${app_role}', 'SELECT, INSERT, DELETE');
