// The audit trail as sentences: "Ada published v3", "Ben saved the draft (12 times)".
import type { AuditEntry } from '../api/types.ts'
import { i18n, t } from '../i18n/index.ts'

/** What the entry's actor did, in words (the `editor.audit` catalog); an action this editor does not know reads as itself. */
export function auditVerb(action: string): string {
  const key = `editor.audit.verbs.${action.replace(/\./g, '_')}`
  return i18n.global.te(key) ? t(key) : action.split('.').slice(1).join(' ').replace(/_/g, ' ') || action
}

/** Consecutive entries of one actor doing one thing (autosaves above all), shown as one line. */
export interface AuditGroup {
  entry: AuditEntry
  count: number
  /** The earliest entry's time (the group is newest first, like the trail). */
  since: string
}

const SAVES = new Set(['flow.save', 'flow.update'])

export function groupAudit(entries: AuditEntry[]): AuditGroup[] {
  const groups: AuditGroup[] = []
  for (const entry of entries) {
    const last = groups.at(-1)
    if (last && last.entry.action === entry.action && last.entry.actor.label === entry.actor.label && SAVES.has(entry.action)) {
      last.count++
      last.since = entry.at
    } else groups.push({ entry, count: 1, since: entry.at })
  }
  return groups
}

/** The version a publish made, when the diff says. */
export function auditVersion(entry: AuditEntry): number | null {
  const diff = entry.diff as Record<string, unknown> | null
  const version = diff?.version ?? (diff?.to as Record<string, unknown> | undefined)?.version
  return typeof version === 'number' ? version : null
}

/** The paths a change touched (`graph.nodes[wait].config.for`), from a diff that lists them. */
export function auditPaths(entry: AuditEntry): string[] {
  const diff = entry.diff as unknown
  const list = Array.isArray(diff) ? diff : Array.isArray((diff as { changes?: unknown } | null)?.changes) ? (diff as { changes: unknown[] }).changes : []
  return list.map((c) => (c as { path?: unknown }).path).filter((p): p is string => typeof p === 'string')
}
