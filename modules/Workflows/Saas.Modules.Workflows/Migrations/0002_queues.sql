-- Work queues (issue 12 item 6; docs/adr/0026): who claimed a task and when, and where a task force took it from.
ALTER TABLE workflows.tasks ADD COLUMN claimed_at timestamptz;
-- The unit a task was in before a task force took it over (the team lead's bulk move), so the move can be read back.
ALTER TABLE workflows.tasks ADD COLUMN moved_from_unit text;
-- Which campaign started a case's process (the § 24 renewals), so a campaign's cases can be counted and found.
ALTER TABLE workflows.instances ADD COLUMN campaign text;

-- A unit's queue and the backlog read open tasks by unit; a case's open tasks are found by case (task force).
CREATE INDEX tasks_open_case_idx ON workflows.tasks (tenant_id, case_id) WHERE status = 'open';
CREATE INDEX instances_pending_idx ON workflows.instances (tenant_id) WHERE pending_transition IS NOT NULL AND finished_at IS NULL;
