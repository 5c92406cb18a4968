-- Who published each version, as the editor names its operator (no accounts yet).
alter table flow_versions add column published_by text;
