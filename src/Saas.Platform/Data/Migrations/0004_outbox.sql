-- Integration events written in the same transaction as the change that caused them, dispatched afterwards.
CREATE TABLE platform.outbox_messages (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    type text NOT NULL,
    payload jsonb NOT NULL,
    occurred_at timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 0,
    next_attempt_at timestamptz NOT NULL DEFAULT now(),
    dispatched_at timestamptz,
    dead_at timestamptz,
    last_error text
);
CREATE INDEX outbox_messages_pending_idx ON platform.outbox_messages (tenant_id, next_attempt_at)
    WHERE dispatched_at IS NULL AND dead_at IS NULL;
SELECT platform.enable_tenant_rls('platform.outbox_messages', '${app_role}');

-- Only the ids of authorities that have undelivered messages, so the dispatcher knows where to look
-- (RLS hides the messages themselves until it works in that authority). No content, no RLS.
CREATE TABLE platform.outbox_pending (tenant_id uuid PRIMARY KEY);
GRANT SELECT, INSERT, DELETE ON platform.outbox_pending TO ${app_role};

CREATE FUNCTION platform.outbox_signal() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO platform.outbox_pending (tenant_id) VALUES (NEW.tenant_id) ON CONFLICT DO NOTHING;
    RETURN NEW;
END $$;
CREATE TRIGGER outbox_signal AFTER INSERT ON platform.outbox_messages FOR EACH ROW EXECUTE FUNCTION platform.outbox_signal();

-- Which handler has processed which message: delivery is at least once, handling effectively once.
CREATE TABLE platform.inbox (
    tenant_id uuid NOT NULL,
    message_id uuid NOT NULL,
    handler text NOT NULL,
    processed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (tenant_id, message_id, handler)
);
SELECT platform.enable_tenant_rls('platform.inbox', '${app_role}', 'SELECT, INSERT');
