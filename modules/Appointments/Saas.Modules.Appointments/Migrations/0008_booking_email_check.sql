-- A guest's e-mail address is checked before the booking counts (issue 15, item 2; docs/adr/0040): confirming a held
-- slot with the person's details sends a link with a one-time code to the address; the slot stays held (longer) until
-- the link is used. Only the code's SHA-256 hash is kept, with the wrong tries against it (a few, then the hold goes).
ALTER TABLE appointments.bookings
    ADD COLUMN email_code_hash bytea,
    ADD COLUMN email_code_tries int NOT NULL DEFAULT 0 CHECK (email_code_tries >= 0),
    ADD CONSTRAINT bookings_email_code_only_while_held CHECK (email_code_hash IS NULL OR status IN ('held', 'expired', 'cancelled'));
