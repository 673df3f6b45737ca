-- Booking by applicants (issue 15; docs/adr/0031): a confirmed booking is bound to its person (name, birth date,
-- e-mail) and has a booking code; a hold that ran out becomes 'expired' and its seat row is deleted.
ALTER TABLE appointments.bookings DROP CONSTRAINT bookings_status_check;
ALTER TABLE appointments.bookings ADD CONSTRAINT bookings_status_check CHECK (status IN ('held', 'confirmed', 'cancelled', 'expired'));
ALTER TABLE appointments.bookings
    ADD COLUMN code text,
    ADD COLUMN birth_date date,
    -- The person a booking is bound to, for the limit per person: lower-cased name with single spaces, and the birth date.
    ADD COLUMN person_key text;
ALTER TABLE appointments.bookings ADD CONSTRAINT bookings_confirmed_has_person
    CHECK (status <> 'confirmed' OR (code IS NOT NULL AND birth_date IS NOT NULL AND person_key IS NOT NULL AND email <> '' AND person_name <> ''));
CREATE UNIQUE INDEX bookings_code_idx ON appointments.bookings (tenant_id, code) WHERE code IS NOT NULL;
CREATE INDEX bookings_email_idx ON appointments.bookings (tenant_id, lower(email)) WHERE status = 'confirmed';
CREATE INDEX bookings_person_idx ON appointments.bookings (tenant_id, person_key) WHERE status = 'confirmed';
CREATE INDEX bookings_held_idx ON appointments.bookings (tenant_id, hold_expires_at) WHERE status = 'held';
