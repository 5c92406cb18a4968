-- The wake timer asks for the earliest waiting run due soon. It read graphile-worker's
-- private jobs table for that, which graphile-worker's docs forbid and its public `jobs` view
-- cannot answer cheaply (a join with no usable index: ~27 ms a scan at 100,000 jobs, four
-- times a second). Kairos keeps the due time itself, in `runs.wake_at`; this index makes the
-- question one index probe.
create index runs_waking on runs (wake_at) where status = 'waiting';
