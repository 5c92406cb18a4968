-- Holiday calendars a workspace uploads (docs/calendars.md): public holidays and make-up
-- workdays (调休) by local date, read by quiet hours (policies.holidays) and wait.until's
-- "on a workday". A calendar is a named set of days; uploading a file replaces the days of
-- the years the file covers and keeps the others, so 2026 and 2027 can come one at a time.
create table holiday_calendars (
  name text primary key check (name ~ '^[a-z0-9][a-z0-9-]{0,63}$'),
  description text not null default '',
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);

create table holiday_calendar_days (
  calendar text not null references holiday_calendars (name) on delete cascade,
  day date not null,
  kind text not null check (kind in ('holiday', 'workday')),
  label text not null default '',
  primary key (calendar, day)
);

-- The years a calendar covers: a year uploaded with no day off at all still counts as covered.
create table holiday_calendar_years (
  calendar text not null references holiday_calendars (name) on delete cascade,
  year integer not null check (year between 1970 and 2200),
  source text not null check (source in ('json', 'ics')),
  uploaded_at timestamptz not null default now(),
  primary key (calendar, year)
);
