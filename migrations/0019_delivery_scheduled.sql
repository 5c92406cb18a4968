-- A message a policy deferred (quiet hours, a cap with onCap "wait") is `scheduled` until it is due,
-- on every path, the outbox included: then consent and caps are checked again, and it becomes
-- `queued` for its provider (or `sent` in the outbox only), or `suppressed` with the rule.
alter table deliveries drop constraint deliveries_status_check;
alter table deliveries add constraint deliveries_status_check
  check (status in ('scheduled', 'queued', 'sent', 'failed', 'suppressed', 'delivered', 'read', 'clicked'));
-- Deferred messages still waiting for their provider become scheduled: their deliver job (at
-- send_at, or already due) checks them again and then sends them as before.
update deliveries set status = 'scheduled' where status = 'queued' and deferred_by is not null;
