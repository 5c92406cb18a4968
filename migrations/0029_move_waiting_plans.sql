-- Moving contacts who wait on a journey's live version to the version being published
-- (docs/versions.md). A dry run stores its plan: which runs, at which seq, move to which
-- step; publishing with the plan moves exactly those runs that have not changed since,
-- and leaves the others where they are (counted). A plan is applied once.
create table move_plans (
  id uuid primary key,
  flow_id uuid not null references flows (id) on delete cascade,
  from_version integer not null,
  -- The draft the dry run looked at: publishing another draft with this plan is refused.
  draft_updated_at timestamptz not null,
  mapping jsonb not null,
  run_ids bigint[] not null,
  run_seqs integer[] not null,
  run_nodes text[] not null,
  created_at timestamptz not null,
  applied_at timestamptz,
  applied_version integer
);
create index move_plans_flow on move_plans (flow_id, created_at);

-- A moved run's trace says where it went: a `migrated` step at the step it left
-- (counted as passed on, like a port), when the new version puts it on another step.
alter table steps drop constraint steps_outcome_check;
alter table steps add constraint steps_outcome_check check (outcome in ('port', 'exit', 'error', 'migrated'));
