-- Signed-in applicants (docs/adr/0043): a draft and a submission name the applicant who made them (the subject of
-- their sign-in: BundID's pseudonym through Keycloak in production), so "Meine Anträge" lists them; a submission keeps
-- the trust level the sign-in had (STORK-QAA-Level-1 to -4). A guest's rows name nobody and are reached by link alone.
ALTER TABLE applications.drafts ADD COLUMN applicant_subject text CHECK (length(applicant_subject) BETWEEN 1 AND 255);
ALTER TABLE applications.submissions ADD COLUMN applicant_subject text CHECK (length(applicant_subject) BETWEEN 1 AND 255);
ALTER TABLE applications.submissions ADD COLUMN trust_level text CHECK (length(trust_level) BETWEEN 1 AND 100);
CREATE INDEX drafts_applicant_idx ON applications.drafts (tenant_id, applicant_subject) WHERE applicant_subject IS NOT NULL;
CREATE INDEX submissions_applicant_idx ON applications.submissions (tenant_id, applicant_subject) WHERE applicant_subject IS NOT NULL;
