-- Drafts of the admin studio keep their located errors (docs/adr/0018): a draft is stored even when it does not
-- validate, with its errors as data (path, line, column, text key and arguments, written in the reader's language
-- when read), and only a valid draft can be published. A draft is never changed in place: each save is a new
-- version (the draft it replaces becomes 'superseded'), so the version number names exactly the text an admin
-- reviewed and chose to publish. A discarded draft stays in the history ('discarded'), as the application role
-- still cannot delete.
ALTER TABLE metadata.versions DROP CONSTRAINT versions_state_check;
ALTER TABLE metadata.versions ADD CONSTRAINT versions_state_check
    CHECK (state IN ('draft', 'published', 'superseded', 'discarded'));
ALTER TABLE metadata.versions
    ADD COLUMN errors jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(errors) = 'array'),
    ADD COLUMN based_on_version integer,
    ADD COLUMN restored_from integer,
    ADD COLUMN discarded_at timestamptz,
    ADD COLUMN discarded_by text;
-- Who discarded must be known when a draft was discarded.
ALTER TABLE metadata.versions ADD CONSTRAINT versions_discarded_by
    CHECK (state <> 'discarded' OR discarded_by IS NOT NULL);
