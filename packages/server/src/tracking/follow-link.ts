import { sql } from 'kysely'
import type { KairosCore } from '../core.ts'
import { CODE_PATTERN } from './link-code.ts'

/** What a tracked link's request found: the target of a click link; nothing for an unknown code. */
export interface LinkHit {
  target: string | null
  /** The delivery the link belongs to. */
  delivery: string
}

interface HitRow {
  target: string | null
  position: number
  delivery: string
  channel: string
  flow_id: string | null
  node_id: string | null
  run_id: string | null
  external_id: string
}

const EVENT = { click: 'message.clicked', open: 'message.opened' } as const

/**
 * Follows the link with `code` of `kind`: one indexed lookup (and, when the request counts, the
 * link's use counted and the delivery's first use noted in its receipts, in the same statement), then for a counted request the event for the
 * delivery's contact through the normal ingestion, so `wait.event` wakes and triggers start.
 * The event's id is `receipt:<delivery>:clicked` (or `:opened`), the id a provider's receipt of
 * the same kind uses: a delivery emits it once, whichever of its links is used first and however
 * often (later uses are counted on the link, not emitted). `count: false` (a HEAD request, a
 * browser's prefetch) only finds the link.
 */
export async function followLink(core: KairosCore, kind: 'click' | 'open', code: string, options: { count: boolean }): Promise<LinkHit | undefined> {
  if (!CODE_PATTERN.test(code)) return undefined
  const db = core.database.db
  const now = core.clock.now()
  const receipt = kind === 'click' ? 'clicked' : 'opened'
  // The delivery's first use is also kept in its receipts (when, by kind), as a provider's receipt
  // is, so the outbox and the contact's message timeline show it; later uses leave it.
  const { rows } = options.count
    ? await sql<HitRow>`with hit as (
          update tracked_links l set uses = l.uses + 1, first_used_at = coalesce(l.first_used_at, ${now})
          from deliveries d join contacts c on c.id = d.contact_id
          where l.code = ${code} and l.kind = ${kind} and d.id = l.delivery_id
          returning l.target, l.position, d.id as delivery, d.channel, d.flow_id, d.node_id, d.run_id::text as run_id, c.external_id),
        marked as (
          update deliveries d set receipts = d.receipts || jsonb_build_object(${receipt}::text, ${now.toISOString()}::text), updated_at = now()
          from hit where d.id = hit.delivery and not d.receipts ? ${receipt})
        select * from hit`.execute(db)
    : await sql<HitRow>`select l.target, l.position, l.delivery_id as delivery from tracked_links l
        where l.code = ${code} and l.kind = ${kind}`.execute(db)
  const row = rows[0]
  if (!row) return undefined
  if (options.count)
    await core.ingest([
      {
        contact: row.external_id,
        name: EVENT[kind],
        id: `receipt:${row.delivery}:${receipt}`,
        occurredAt: now.toISOString(),
        properties: {
          delivery: row.delivery, channel: row.channel, flowId: row.flow_id, node: row.node_id, runId: row.run_id,
          ...(kind === 'click' ? { url: row.target, link: row.position } : {}),
        },
      },
    ])
  return { target: row.target, delivery: row.delivery }
}
