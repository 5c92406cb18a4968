-- A provider's own id for a message it accepted (WhatsApp's wamid, an SMS gateway's message id),
-- from a channel definition's send outcome: delivery receipts a provider posts to
-- POST /api/channels/:name/receipts name the message by it. Looked up per channel (provider).
alter table deliveries add column provider_message_id text;
create index deliveries_provider_message on deliveries (provider, provider_message_id) where provider_message_id is not null;
