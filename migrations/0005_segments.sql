-- Segments: saved audiences defined by the condition language and evaluated
-- in SQL against contacts and events (see docs/segments.md).
create table segments (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  -- A condition tree, checked by the API before it is written and again before it is evaluated.
  condition jsonb not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

-- "Who did X in the last N days": one pass over the window of one event name
-- (top-level event counts, and the hashed semi/anti-joins Postgres picks for
-- "did / did not"). With 300,000 events, an event-count preview went from about
-- 62 ms to 37 ms; ingestion through the API measured no slower.
create index events_name_time on events (name, occurred_at);

-- Tag conditions (`tags @> array[tag]`): a bitmap scan instead of reading every
-- contact. With 100,000 contacts, premium VIPs (a 10% tag) previewed in 10 ms
-- instead of 20 ms, and a 4% tag counted in 3 ms instead of 13 ms.
create index contacts_tags on contacts using gin (tags);
