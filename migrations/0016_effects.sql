-- Effects: I/O a node asks for (services.effects.http / .run) that runs after
-- its step commits, in a kairos.effect job, retried with backoff. The row is
-- written with the step, so a step that rolls back leaves none and its job
-- never runs; the job reads it, records each attempt, and settles it, moving
-- on the run that waits for it (through the node's done or failed port).
create table effects (
  id uuid primary key,
  -- A run deleted (its flow or contact deleted) takes its effects with it; a pending one's job then finds nothing.
  run_id bigint not null references runs (id) on delete cascade,
  flow_id uuid not null,
  flow_version integer not null,
  node_id text not null,
  -- The run's contact, whose lock settling takes (as every journey change does).
  contact_id bigint not null,
  kind text not null check (kind in ('http', 'named')),
  -- 'http', or the name of the node's effect.
  name text not null,
  -- An HTTP effect's request (method, url, headers, body, timeoutMs) or a named one's { input, timeoutMs }.
  request jsonb not null,
  -- Derived from the step (run:<id>:<seq>:effect:<key>): sent as Idempotency-Key; one effect per key.
  idempotency_key text not null unique,
  -- Whether the step waits for it (afterEffect): such an effect is not run once its run no longer waits.
  awaited boolean not null,
  status text not null check (status in ('pending', 'done', 'failed', 'cancelled')),
  attempts integer not null default 0,
  -- The last answer (an HTTP effect's { status, body }, bounded) or a named effect's result.
  result jsonb,
  error text,
  created_at timestamptz not null,
  settled_at timestamptz,
  updated_at timestamptz not null default now()
);
create index effects_run on effects (run_id);
