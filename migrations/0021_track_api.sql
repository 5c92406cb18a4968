-- The tracking API for websites and CDPs (issue 13): the origins a public (track) key may be
-- used from, and the website visitors known only by an anonymous id.

-- Origins a browser may call /v1/* from with this key (scheme://host[:port]); empty: none
-- (the key then serves only server-side senders, which send no Origin).
alter table api_keys add column allowed_origins text[] not null default '{}';

-- A visitor known by the anonymous id the browser snippet (or a CDP) made up. Until an
-- identify call names who they are, contact_id is null and their events are held below;
-- once linked, later events sent with that anonymous id alone go to the contact.
create table anonymous_visitors (
  anonymous_id text primary key,
  contact_id bigint references contacts (id) on delete cascade,
  -- Traits sent by identify calls with no userId yet: merged into the contact on identify.
  traits jsonb not null default '{}',
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  identified_at timestamptz
);
create index anonymous_visitors_contact on anonymous_visitors (contact_id) where contact_id is not null;
-- Visitors never identified are pruned by age.
create index anonymous_visitors_unlinked_seen on anonymous_visitors (last_seen_at) where contact_id is null;

-- Events of visitors not yet identified: no contact, no journey, until identify moves them
-- into `events` through the ordinary ingestion (see docs/decisions.md).
create table anonymous_events (
  id bigint generated always as identity primary key,
  anonymous_id text not null references anonymous_visitors (anonymous_id) on delete cascade,
  name text not null,
  properties jsonb not null default '{}',
  -- Segment's messageId: a repeat is accepted and ignored, here and once moved into events.
  message_id text,
  occurred_at timestamptz not null,
  received_at timestamptz not null default now()
);
create unique index anonymous_events_message_id on anonymous_events (message_id) where message_id is not null;
create index anonymous_events_visitor on anonymous_events (anonymous_id, id);
