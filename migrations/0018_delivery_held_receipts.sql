-- Receipts a provider reported for a delivery still queued: providers send "delivered" within
-- milliseconds of accepting a message, sometimes before Kairos has recorded that it sent it.
-- Kept in the order they came ([{ "status", "at", "reason"? }]), applied when the delivery
-- settles (its status moved forward, message.delivered, … emitted then), and cleared.
alter table deliveries add column held_receipts jsonb;
