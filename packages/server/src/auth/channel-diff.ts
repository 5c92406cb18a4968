import { jsonDiff, type Change } from './json-diff.ts'

/** The mask the channel views show for a set secret (see channels/channel-service.ts). */
const MASKED = /^•+$/

/**
 * A channel change as the audit trail may hold it: plain settings diffed, secret fields only
 * ever "changed" (a new value was sent) or "removed", never a value, masked or not.
 */
export function channelDiff(
  before: { kind: string; config: Record<string, unknown>; secretsSet?: string[] } | null,
  after: { kind: string; config: Record<string, unknown>; secretsSet?: string[] },
  sent: Record<string, unknown>,
  secretFields: readonly string[],
): Change[] {
  const plain = (view: { kind: string; config: Record<string, unknown> } | null) =>
    view ? { kind: view.kind, config: Object.fromEntries(Object.entries(view.config).filter(([k]) => !secretFields.includes(k))) } : {}
  const changes = jsonDiff(plain(before), plain(after))
  for (const field of secretFields) {
    const value = sent[field]
    const wasSet = before?.secretsSet?.includes(field) ?? false
    const isSet = after.secretsSet?.includes(field) ?? false
    if (value !== undefined && !(typeof value === 'string' && MASKED.test(value)) && isSet) changes.push({ path: `config.${field}`, to: 'changed' })
    else if (wasSet && !isSet) changes.push({ path: `config.${field}`, to: 'removed' })
  }
  return changes
}
