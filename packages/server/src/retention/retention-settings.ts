/**
 * How long finished history is kept, in days; `null` keeps it forever.
 * Each kind reads its own variable (`KAIROS_RETENTION_STEPS_DAYS`, …), else
 * `KAIROS_RETENTION_DAYS`; with neither set, nothing is ever deleted (the
 * default: deleting history is irreversible, so it is the operator's choice).
 * `off` (or `0`) keeps a kind forever although the general setting is on.
 */
export interface RetentionSettings {
  /** Steps (run traces) of runs that finished this long ago. */
  stepsDays: number | null
  /** Deliveries (message log) of runs that finished this long ago; never sooner than the longest frequency cap. */
  deliveriesDays: number | null
  /** Events received this long ago, unless their contact has a run still in progress. */
  eventsDays: number | null
  /** Audit log entries this old. */
  auditDays: number | null
}

/** The kinds of history retention prunes, in the order a pass takes them. */
export const RETENTION_KINDS = ['steps', 'deliveries', 'events', 'audit'] as const
export type RetentionKind = (typeof RETENTION_KINDS)[number]

/** Keeps everything: what Kairos does unless told otherwise. */
export const KEEP_FOREVER: RetentionSettings = { stepsDays: null, deliveriesDays: null, eventsDays: null, auditDays: null }

function daysFrom(env: NodeJS.ProcessEnv, name: string): number | null | undefined {
  const raw = env[name]?.trim()
  if (raw === undefined || raw === '') return undefined
  if (raw === 'off' || raw === '0') return null
  const days = Number(raw)
  if (!Number.isInteger(days) || days < 1) throw new Error(`${name} must be a whole number of days ≥ 1, or off, got "${raw}"`)
  return days
}

/** Reads the KAIROS_RETENTION_* variables; a bad value throws naming the variable. */
export function readRetention(env: NodeJS.ProcessEnv): RetentionSettings {
  const general = daysFrom(env, 'KAIROS_RETENTION_DAYS') ?? null
  const kind = (name: string) => {
    const own = daysFrom(env, `KAIROS_RETENTION_${name}_DAYS`)
    return own === undefined ? general : own
  }
  return { stepsDays: kind('STEPS'), deliveriesDays: kind('DELIVERIES'), eventsDays: kind('EVENTS'), auditDays: kind('AUDIT') }
}

/** The settings' days for one kind. */
export function daysFor(settings: RetentionSettings, kind: RetentionKind): number | null {
  return settings[`${kind}Days`]
}
