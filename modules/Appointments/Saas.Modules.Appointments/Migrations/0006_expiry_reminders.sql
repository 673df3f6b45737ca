-- Expiry reminders (issue 15, item 4; docs/adr/0038): one row per residence title or passport the authority reminded
-- its person of, for one expiry date. The unique key makes a reminder go out once per document and expiry, whichever
-- replica runs and however often: a re-run, or two at once, insert nothing for a document already reminded.
-- A reminder that proposes a slot names the held booking (status 'proposed'); one without a free seat in the window
-- (status 'without-slot') sends the plain reminder letter; one whose person already holds a booking of the type
-- (status 'already-booked') sends nothing. The letter is produced from the outbox and its document noted here.
CREATE TABLE appointments.reminders (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    reminder text NOT NULL,
    document_kind text NOT NULL CHECK (document_kind IN ('residence-title', 'passport')),
    document_id uuid NOT NULL,
    valid_until date NOT NULL,
    case_file_id uuid NOT NULL,
    status text NOT NULL CHECK (status IN ('proposed', 'without-slot', 'already-booked')),
    booking_id uuid REFERENCES appointments.bookings (id),
    letter text,
    letter_document uuid,
    created_at timestamptz NOT NULL,
    letter_at timestamptz,
    CHECK ((status = 'proposed') = (booking_id IS NOT NULL)),
    CONSTRAINT reminders_once_per_document UNIQUE (tenant_id, document_id, valid_until)
);
CREATE INDEX reminders_reminder_idx ON appointments.reminders (tenant_id, reminder, created_at);
CREATE UNIQUE INDEX reminders_booking_idx ON appointments.reminders (booking_id) WHERE booking_id IS NOT NULL;
SELECT platform.enable_tenant_rls('appointments.reminders', '${app_role}', 'SELECT, INSERT, UPDATE');
