-- Retention (docs/operations.md, Retention): old steps, deliveries, events and
-- audit rows are deleted in small batches by the daily kairos.retention job.

-- Finished runs in the order they finished: the pruner walks this index from
-- where it stopped last time. Active runs have no finished_at, so they are not
-- in it and their steps are never candidates.
create index runs_finished on runs (finished_at, id) where finished_at is not null;

-- What the per-node figures (flow report, live counters) counted from steps
-- that retention deleted, per flow, hour the run entered, node and port ('' for
-- none). The figures read these rows plus the steps still kept, so they do not
-- change when steps are pruned. `passed` counts every step taken at the node;
-- `failed` those that ended in an error.
create table step_rollups (
  flow_id uuid not null,
  entered_hour timestamptz not null,
  node_id text not null,
  port text not null,
  passed bigint not null default 0,
  failed bigint not null default 0,
  primary key (flow_id, entered_hour, node_id, port)
);

-- The same for deliveries the flow report counts per message node: by channel,
-- status and, for suppressed ones, the rule ('' otherwise).
create table delivery_rollups (
  flow_id uuid not null,
  entered_hour timestamptz not null,
  node_id text not null,
  channel text not null,
  status text not null,
  reason text not null,
  n bigint not null default 0,
  primary key (flow_id, entered_hour, node_id, channel, status, reason)
);

-- How far each kind of pruning has walked runs_finished: the next pass starts
-- after (finished_at, run_id), so a year of pruned runs is not walked daily.
create table retention_cursors (
  kind text primary key,
  finished_at timestamptz not null,
  run_id bigint not null,
  updated_at timestamptz not null default now()
);
