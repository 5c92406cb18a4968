-- Click and open tracking (docs/tracking.md). Each short link a message carries is a row, written
-- in the transaction that records its delivery; the redirect (/c/<code>) and the open pixel
-- (/o/<code>.gif) find it by its code. Deleted with its delivery (retention prunes deliveries).
create table tracked_links (
  -- Ten letters and digits from an HMAC of the step's idempotency key (keyed by tracking_keys):
  -- the same step makes the same codes when retried, and nobody can guess one.
  code text primary key,
  delivery_id uuid not null references deliveries (id) on delete cascade,
  -- click: a link that redirects to target; open: the email's pixel.
  kind text not null check (kind in ('click', 'open')),
  target text,
  -- The link's place among its step's links (0, 1, …), named in message.clicked.
  position integer not null,
  created_at timestamptz not null,
  -- Counted requests (GET, not a prefetch): the first emits message.clicked / message.opened.
  uses integer not null default 0,
  first_used_at timestamptz,
  check ((kind = 'click') = (target is not null))
);
-- The flow report counts used links per delivery; a delivery's deletion finds its links.
create index tracked_links_delivery on tracked_links (delivery_id);

-- The HMAC key of the link codes: one random key per installation, made here, never shown.
create table tracking_keys (
  id boolean primary key default true check (id),
  secret bytea not null
);
insert into tracking_keys (secret)
  values (decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex'));
