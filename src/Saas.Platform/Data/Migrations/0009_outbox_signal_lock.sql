-- A lost wake-up (found by a CI run where an office's cancellation mail never went out): the trigger's
-- INSERT ... ON CONFLICT DO NOTHING finds the authority's pending row and takes no lock, so a dispatcher that just
-- found nothing due could delete that row while the writing transaction was still open; once it committed, its
-- message had no pending row and waited until the authority wrote its next one.
-- Now every writer holds a KEY SHARE lock on the pending row until it commits (writers do not block each other),
-- and the dispatcher deletes the row first, which waits for those writers, and only then, in a new statement that
-- sees their messages, puts the row back if any are undelivered (OutboxDispatcher).
GRANT UPDATE (tenant_id) ON platform.outbox_pending TO ${app_role};

CREATE OR REPLACE FUNCTION platform.outbox_signal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    LOOP
        INSERT INTO platform.outbox_pending (tenant_id) VALUES (NEW.tenant_id) ON CONFLICT DO NOTHING;
        PERFORM 1 FROM platform.outbox_pending WHERE tenant_id = NEW.tenant_id FOR KEY SHARE;
        -- Not found: a dispatcher deleted the row between the two statements; insert it again.
        EXIT WHEN FOUND;
    END LOOP;
    RETURN NEW;
END $$;
