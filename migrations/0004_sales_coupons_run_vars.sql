-- Sales reps and the follow-up tasks and calls journeys create for them.
create table sales_reps (
  id text primary key,
  name text not null,
  email text,
  phone text,
  wecom_id text,
  team text,
  available boolean not null default true,
  -- For round robin: who was given a contact longest ago goes next.
  last_assigned_at timestamptz not null default '-infinity',
  created_at timestamptz not null default now()
);
create index sales_reps_team on sales_reps (team);

create table tasks (
  id bigint generated always as identity primary key,
  rep_id text references sales_reps (id) on delete set null,
  contact_id bigint not null references contacts (id) on delete cascade,
  run_id bigint references runs (id) on delete set null,
  kind text not null check (kind in ('follow_up', 'call')),
  title text not null,
  notes text,
  due_at timestamptz not null,
  status text not null default 'open' check (status in ('open', 'done', 'cancelled')),
  outcome text,
  -- One task per journey step: a retried step finds it instead of creating another.
  idempotency_key text unique,
  created_at timestamptz not null,
  completed_at timestamptz
);
create index tasks_rep_open on tasks (rep_id) where status = 'open';
create index tasks_contact on tasks (contact_id);

-- Coupon pools: uploaded codes, each issued at most once.
create table coupon_pools (
  id text primary key,
  name text not null,
  created_at timestamptz not null default now()
);
create table coupon_codes (
  id bigint generated always as identity primary key,
  pool_id text not null references coupon_pools (id) on delete cascade,
  code text not null,
  contact_id bigint references contacts (id) on delete set null,
  issued_key text unique,
  issued_at timestamptz,
  unique (pool_id, code)
);
create index coupon_codes_free on coupon_codes (pool_id, id) where contact_id is null;
-- Codes generated from a pattern, unique across all patterns.
create table generated_codes (
  code text primary key,
  contact_id bigint references contacts (id) on delete set null,
  issued_key text unique,
  issued_at timestamptz not null
);

-- Values a journey records on its run (the A/B arm a split chose, for reports).
alter table runs add column vars jsonb not null default '{}';
