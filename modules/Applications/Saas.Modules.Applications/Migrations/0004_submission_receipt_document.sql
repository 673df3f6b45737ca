-- The Eingangsbestätigung (docs/adr/0042): the letter the intake filed into the case as the application's document,
-- which the applicant downloads from the portal's receipt page.
ALTER TABLE applications.submissions ADD COLUMN receipt_document_id uuid;
