-- The language a booking was made in (issue 14/15: the language is kept with what the person started and used for every
-- message): the confirmation, a move, a cancellation and later reminders are written in it.
ALTER TABLE appointments.bookings ADD COLUMN language text NOT NULL DEFAULT 'de';
