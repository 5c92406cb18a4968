-- Why a policy held a delivery back or stopped it, structured (docs/policies.md, "How a held-back
-- message is explained"): { timeZone, deferredBy: [rule…] | null, suppressedBy: rule | null }, each
-- rule { kind, params }. Recorded when the policy decides; older rows keep only their sentences
-- (deferred_by, error), which the editor shows as they are.
alter table deliveries add column policy_reason jsonb;
