-- Channels: configured providers (SMS over HTTP, SMTP, WeCom robots, call
-- providers, webhooks) that message nodes name in their config. Secret fields
-- live in `secrets`, encrypted when KAIROS_SECRET_KEY is set, and never leave
-- the server in clear text.
create table channels (
  name text primary key,
  kind text not null,
  config jsonb not null default '{}',
  secrets text not null default '',
  -- Messages per second the provider accepts; null = no limit.
  rate_per_second double precision check (rate_per_second is null or rate_per_second > 0),
  -- The next free send slot under the rate limit (a token bucket of size one).
  next_slot timestamptz not null default '-infinity',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

alter table deliveries add column subject text;
alter table deliveries add column html text;
alter table deliveries add column data jsonb;
alter table deliveries add column meta jsonb;
-- Receipts after sending: when it was delivered, read, clicked.
alter table deliveries add column receipts jsonb not null default '{}';
