-- Runs an operator can manage (bulk cancel and retry).
-- A retried run re-executes the node it failed at; for that one execution its
-- side effects reuse the idempotency keys of the step that failed (seq kept
-- here), so a message the failed step had already recorded is not sent again.
-- The next transition clears it.
alter table runs add column retry_seq integer;
