-- Workflows (issue 12; docs/adr/0024): a case's process instance, what happened in it, its deadlines and tasks.
-- The e-Akte keeps the case record (docs/adr/0014); nothing here refers to its tables by foreign key, only by id.
CREATE SCHEMA workflows;
GRANT USAGE ON SCHEMA workflows TO ${app_role};

CREATE TABLE workflows.instances (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    case_id uuid NOT NULL,
    case_file_id uuid NOT NULL,
    process_key text NOT NULL,
    -- The version of the process the case started with; changed only by an explicit migration to a newer one.
    process_version int NOT NULL CHECK (process_version > 0),
    state text NOT NULL,
    legal_basis text,
    -- The values of the process's declared variables, set by the inputs of transitions.
    data jsonb NOT NULL DEFAULT '{}',
    started_at timestamptz NOT NULL,
    started_by text NOT NULL,
    state_entered_at timestamptz NOT NULL,
    finished_at timestamptz,
    -- A co-signature the transition waits for (four eyes): which transition, who proposed it, with which inputs.
    pending_transition text,
    pending_by text,
    pending_inputs jsonb,
    UNIQUE (tenant_id, case_id)
);
CREATE INDEX instances_running_idx ON workflows.instances (tenant_id, process_key, process_version, state) WHERE finished_at IS NULL;
SELECT platform.enable_tenant_rls('workflows.instances', '${app_role}', 'SELECT, INSERT, UPDATE');

CREATE TABLE workflows.steps (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    instance_id uuid NOT NULL REFERENCES workflows.instances (id),
    seq bigint GENERATED ALWAYS AS IDENTITY,
    kind text NOT NULL CHECK (kind IN ('start', 'transition', 'proposal', 'migration', 'escalation', 'action')),
    transition text,
    from_state text,
    to_state text,
    process_version int NOT NULL,
    detail jsonb NOT NULL DEFAULT '{}',
    at timestamptz NOT NULL,
    by text NOT NULL
);
CREATE INDEX steps_instance_idx ON workflows.steps (tenant_id, instance_id, seq);
SELECT platform.enable_tenant_rls('workflows.steps', '${app_role}', 'SELECT, INSERT');

CREATE TABLE workflows.deadlines (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    instance_id uuid NOT NULL REFERENCES workflows.instances (id),
    key text NOT NULL,
    started_on date NOT NULL,
    due_on date NOT NULL,
    status text NOT NULL CHECK (status IN ('running', 'cancelled', 'expired')),
    -- How many of the deadline's escalations have been raised.
    escalated int NOT NULL DEFAULT 0,
    closed_at timestamptz
);
-- One running deadline of a key per case: starting it again while it runs is refused by the database.
CREATE UNIQUE INDEX deadlines_running_idx ON workflows.deadlines (tenant_id, instance_id, key) WHERE status = 'running';
CREATE INDEX deadlines_due_idx ON workflows.deadlines (tenant_id, due_on) WHERE status = 'running';
SELECT platform.enable_tenant_rls('workflows.deadlines', '${app_role}', 'SELECT, INSERT, UPDATE');

CREATE TABLE workflows.tasks (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    instance_id uuid NOT NULL REFERENCES workflows.instances (id),
    case_id uuid NOT NULL,
    case_file_id uuid NOT NULL,
    key text NOT NULL,
    -- The state the task belongs to (closed when the case leaves it), or the deadline whose escalation raised it.
    state text NOT NULL,
    deadline_key text,
    unit text,
    specialisation text,
    assignee text,
    due_on date,
    status text NOT NULL CHECK (status IN ('open', 'done', 'cancelled')),
    created_at timestamptz NOT NULL,
    closed_at timestamptz,
    closed_by text
);
CREATE INDEX tasks_open_idx ON workflows.tasks (tenant_id, unit, created_at) WHERE status = 'open';
CREATE INDEX tasks_assignee_idx ON workflows.tasks (tenant_id, assignee) WHERE status = 'open';
CREATE INDEX tasks_instance_idx ON workflows.tasks (tenant_id, instance_id);
SELECT platform.enable_tenant_rls('workflows.tasks', '${app_role}', 'SELECT, INSERT, UPDATE');

CREATE TABLE workflows.card_orders (
    tenant_id uuid NOT NULL,
    id uuid PRIMARY KEY,
    instance_id uuid NOT NULL REFERENCES workflows.instances (id),
    case_file_id uuid NOT NULL,
    ordered_at timestamptz NOT NULL,
    ordered_by text NOT NULL
);
SELECT platform.enable_tenant_rls('workflows.card_orders', '${app_role}', 'SELECT, INSERT');
