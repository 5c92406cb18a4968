-- An auto-winner split's decision (docs/experiments.md): once enough contacts went down each arm and
-- one arm converts significantly better, new entrants of that flow version go to it. One row per
-- (flow, version, split node): the job that decides inserts it once, so running it twice decides once.
create table split_decisions (
  flow_id uuid not null references flows (id) on delete cascade,
  version integer not null,
  node_id text not null,
  arm text not null,
  decided_at timestamptz not null,
  -- The confidence the split asked for, and the p-value that met it (two-proportion z-test, Bonferroni).
  confidence double precision not null,
  p_value double precision not null,
  -- Each arm's contacts and conversions when it was decided, for the audit and the docs' "why".
  arms jsonb not null,
  primary key (flow_id, version, node_id)
);
