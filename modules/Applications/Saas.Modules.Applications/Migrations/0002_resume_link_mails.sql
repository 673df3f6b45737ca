-- How many times a draft's resume link was sent by e-mail (docs/adr/0035): a public form that sends mail to any
-- address is capped per draft (Applications:MaxResumeMails), besides the limit per client.
ALTER TABLE applications.drafts ADD COLUMN resume_mails integer NOT NULL DEFAULT 0 CHECK (resume_mails >= 0);
