-- Attribute-driven triggers hook in like events: event_name holds the attribute a
-- trigger.date reads ('date') or a trigger.change watches ('change').
alter table flow_event_hooks drop constraint flow_event_hooks_kind_check;
alter table flow_event_hooks add constraint flow_event_hooks_kind_check
  check (kind in ('enter', 'exit', 'goal', 'date', 'change'));

-- One row per tick of a schedule trigger. The unique key makes a tick happen once
-- however many workers see it; the cursor (last contact id enrolled) makes the
-- fan-out resumable batch by batch; `audience` is the condition as it stood at the tick.
create table schedule_ticks (
  id bigint generated always as identity primary key,
  flow_id uuid not null references flows (id) on delete cascade,
  flow_version integer not null,
  node_id text not null,
  tick_at timestamptz not null,
  status text not null check (status in ('running', 'done', 'skipped', 'stopped', 'failed')),
  reason text,
  audience jsonb,
  cursor bigint not null default 0,
  entered integer not null default 0,
  not_entered integer not null default 0,
  started_at timestamptz not null,
  finished_at timestamptz,
  unique (flow_id, node_id, tick_at)
);

-- Each contact's next moment for each date trigger of a flow's live version, kept
-- current as attributes change. `occurrence` names what the moment is for (the
-- date for repeat "once", the year for "yearly"); `fired_occurrence` the last one
-- that entered the contact, so a moved date fires on the new day and not twice.
create table date_trigger_moments (
  flow_id uuid not null references flows (id) on delete cascade,
  node_id text not null,
  contact_id bigint not null references contacts (id) on delete cascade,
  due_at timestamptz,
  occurrence text,
  fired_occurrence text,
  primary key (flow_id, node_id, contact_id)
);
create index date_trigger_moments_due on date_trigger_moments (due_at) where due_at is not null;
