-- Message policies for the whole workspace: frequency caps, quiet hours, what
-- happens to a capped message, and consent rules, as one JSON document in a
-- single row (the API validates it; see docs/policies.md). Flows add to it
-- through their settings.
create table policies (
  id boolean primary key default true check (id),
  document jsonb not null,
  updated_at timestamptz not null default now()
);
insert into policies (document) values (
  '{"caps": [], "quietHours": null, "onCap": "suppress", "consent": {"attribute": "consent", "channels": ["sms", "email", "call"], "stopEvents": []}}'
);

-- When a delivery goes out: its creation time, or later when a policy deferred
-- it (quiet hours, a cap with onCap "wait"). Frequency caps count deliveries by
-- this time; older rows have none and count by created_at.
alter table deliveries add column send_at timestamptz;
-- The policy rules that deferred it, e.g. "quiet hours 21:00-09:00 (Asia/Shanghai)".
-- A suppressed delivery names its rule in `error`.
alter table deliveries add column deferred_by text;
create index deliveries_marketing_window on deliveries (contact_id, (coalesce(send_at, created_at))) where category = 'marketing';
