-- Accounts, sessions, API keys and the audit log (docs/security.md).

-- People who log in. Email is unique without regard to case; the password hash is
-- scrypt with its parameters and per-user salt encoded in the string, so the cost
-- can rise later without a migration. A sales user may be linked to a sales rep,
-- whose tasks and contacts are all that user sees.
create table users (
  id uuid primary key default gen_random_uuid(),
  email text not null,
  name text not null,
  role text not null check (role in ('admin', 'editor', 'viewer', 'sales')),
  password_hash text not null,
  disabled boolean not null default false,
  sales_rep_id text references sales_reps (id) on delete set null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  last_login_at timestamptz
);
create unique index users_email_key on users (lower(email));

-- A session is found by the SHA-256 of its cookie value: a stolen database backup
-- holds no usable cookie. `expires_at` slides forward as the session is used, up to
-- `absolute_expires_at`; revocation (logout, password change, user disabled) is a stamp.
create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  csrf_token text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  absolute_expires_at timestamptz not null,
  revoked_at timestamptz,
  ip text,
  user_agent text
);
create index sessions_user_idx on sessions (user_id);

-- Keys for integrations. Only the SHA-256 of the key is kept; `prefix` is its first
-- characters, shown in lists so a person can tell keys apart.
create table api_keys (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  prefix text not null,
  key_hash text not null unique,
  scopes text[] not null,
  created_by uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Every change, with who made it. `actor_label` keeps the name as it was, so the trail
-- still reads after a user is renamed; `diff` never holds a secret value.
create table audit_log (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_type text not null check (actor_type in ('user', 'key', 'system', 'anonymous')),
  actor_id text,
  actor_label text not null,
  action text not null,
  target_type text not null,
  target_id text,
  diff jsonb,
  ip text
);
create index audit_log_target_idx on audit_log (target_type, target_id, at desc);
create index audit_log_actor_idx on audit_log (actor_id, at desc);
create index audit_log_at_idx on audit_log (at desc);
