-- A task force keeps the cases it took over (docs/adr/0026): the task force's unit, and the units whose tasks it took,
-- so the case's next tasks that would go to one of those units go to the task force instead; tasks for other units
-- (the enforcement unit's hearing) still go where the process says.
ALTER TABLE workflows.instances ADD COLUMN task_force_unit text;
ALTER TABLE workflows.instances ADD COLUMN task_force_replaces text[] NOT NULL DEFAULT '{}';
