-- Goals: when a run's contact met the flow's goal (e.g. ordered within 7 days of entering).
alter table runs add column converted_at timestamptz;
-- Pause: when a run reached its next step while its flow was paused; resuming releases it.
alter table runs add column held_at timestamptz;
create index runs_held on runs (flow_id) where held_at is not null;

alter table flow_event_hooks drop constraint flow_event_hooks_kind_check;
alter table flow_event_hooks add constraint flow_event_hooks_kind_check check (kind in ('enter', 'exit', 'goal'));
