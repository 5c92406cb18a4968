-- Kairos core schema: contacts, events, flows and their versions, runs, steps,
-- deliveries. graphile-worker owns its own schema (graphile_worker).

create table contacts (
  id bigint generated always as identity primary key,
  external_id text not null unique,
  attributes jsonb not null default '{}',
  tags text[] not null default '{}',
  owner_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table events (
  id bigint generated always as identity primary key,
  contact_id bigint not null references contacts (id) on delete cascade,
  name text not null,
  properties jsonb not null default '{}',
  -- The client's id for the event: a repeated id is accepted and ignored.
  idempotency_id text,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now()
);
create unique index events_idempotency_id on events (idempotency_id) where idempotency_id is not null;
create index events_contact_name_time on events (contact_id, name, occurred_at);

create table flows (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  status text not null default 'draft' check (status in ('draft', 'active', 'paused', 'archived')),
  -- The draft graph, edited freely; publishing freezes it into flow_versions.
  graph jsonb not null,
  published_version integer,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table flow_versions (
  flow_id uuid not null references flows (id) on delete cascade,
  version integer not null,
  graph jsonb not null,
  published_at timestamptz not null default now(),
  primary key (flow_id, version)
);

-- Which event names enter or exit which flow version; written at publish so
-- ingestion finds the flows an event concerns with one indexed query.
create table flow_event_hooks (
  flow_id uuid not null,
  version integer not null,
  kind text not null check (kind in ('enter', 'exit')),
  event_name text not null,
  node_id text not null default '',
  primary key (flow_id, version, kind, event_name, node_id),
  foreign key (flow_id, version) references flow_versions (flow_id, version) on delete cascade
);
create index flow_event_hooks_event on flow_event_hooks (event_name);

-- One row per (flow, contact) ever entered: enforces reentry "once" under concurrency.
create table flow_enrollments (
  flow_id uuid not null references flows (id) on delete cascade,
  contact_id bigint not null references contacts (id) on delete cascade,
  entered_at timestamptz not null,
  primary key (flow_id, contact_id)
);

create table runs (
  id bigint generated always as identity primary key,
  flow_id uuid not null,
  flow_version integer not null,
  contact_id bigint not null references contacts (id) on delete cascade,
  status text not null check (status in ('running', 'waiting', 'completed', 'exited', 'failed', 'cancelled')),
  node_id text not null,
  node_entered_at timestamptz not null,
  -- Bumped by every transition. Jobs carry the seq they expect, so a stale or
  -- repeated job finds a mismatch and does nothing.
  seq integer not null default 0,
  entered_at timestamptz not null,
  finished_at timestamptz,
  wake_at timestamptz,
  wait_event text,
  wait jsonb,
  trigger jsonb,
  error text,
  exit_reason text,
  updated_at timestamptz not null default now(),
  foreign key (flow_id, flow_version) references flow_versions (flow_id, version) on delete cascade
);
create index runs_flow_status on runs (flow_id, status);
create index runs_contact on runs (contact_id, flow_id);
create index runs_waiting_event on runs (contact_id, wait_event) where status = 'waiting' and wait_event is not null;

create table steps (
  id bigint generated always as identity primary key,
  run_id bigint not null references runs (id) on delete cascade,
  seq integer not null,
  node_id text not null,
  node_type text not null,
  node_version integer not null,
  entered_at timestamptz not null,
  left_at timestamptz not null,
  outcome text not null check (outcome in ('port', 'exit', 'error')),
  port text,
  output jsonb,
  error text,
  -- A transition is written once: a repeated one fails instead of duplicating.
  unique (run_id, seq)
);

create table deliveries (
  id uuid primary key,
  run_id bigint references runs (id) on delete set null,
  flow_id uuid,
  node_id text,
  contact_id bigint not null references contacts (id) on delete cascade,
  channel text not null,
  category text not null check (category in ('marketing', 'transactional')),
  provider text not null,
  recipient text not null,
  body text not null,
  status text not null check (status in ('queued', 'sent', 'failed', 'suppressed', 'delivered', 'read', 'clicked')),
  -- Derived from the step: a retried step finds its delivery instead of sending again.
  idempotency_key text not null unique,
  attempts integer not null default 0,
  provider_response jsonb,
  error text,
  created_at timestamptz not null,
  sent_at timestamptz,
  updated_at timestamptz not null default now()
);
create index deliveries_contact on deliveries (contact_id, created_at);
create index deliveries_flow on deliveries (flow_id, created_at);
create index deliveries_run on deliveries (run_id);

-- Worker pools that are alive. A pool that stops beating (a killed process)
-- has its locked jobs released by the survivors, so no journey stalls.
create table worker_heartbeats (
  pool_id text primary key,
  started_at timestamptz not null default now(),
  last_seen timestamptz not null default now()
);

-- Key/value facts about this installation (e.g. that the demo was loaded once).
create table meta (
  key text primary key,
  value jsonb not null
);
