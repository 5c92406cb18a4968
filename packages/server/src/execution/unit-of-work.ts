import { sql } from 'kysely'
import type { Clock, ContactSnapshot } from '@kairos/sdk'
import type { StepRecord } from '@kairos/engine'
import type { ChannelService, ResolvedChannel } from '../channels/channel-service.ts'
import type { Db } from '../db/connect.ts'
import type { SmsProviderConfig } from '../config.ts'
import { addJobs, advanceJobSpecs, deliverJobSpec, type DueTicket } from './jobs.ts'
import { LiveDeltas } from '../live/live-deltas.ts'
import { PolicyGate } from '../policies/policy-gate.ts'
import type { PolicyReason } from '../policies/policy-rule.ts'
import type { FlowCatalog } from '../flows/flow-catalog.ts'
import { applyAttributeWrites } from '../triggers/changes/attribute-writes.ts'
import { countDeliveries } from '../metrics/process-metrics.ts'
import { EventHistory } from './event-history.ts'
import { EffectRecords } from './effect-records.ts'
import { WORKSPACE_CLAIMS, type SharedClaims } from './shared-claims.ts'
import type { TrackingSettings } from '../tracking/tracking-settings.ts'
import type { PendingLink } from '../tracking/step-links.ts'
import { insertTrackedLinks } from '../tracking/record-links.ts'
import { SplitWinners } from '../experiments/split-winners.ts'

/** A run's new position, written back in one statement for the whole batch. */
export interface RunUpdate {
  id: string
  status: string
  node_id: string
  node_entered_at: Date
  seq: number
  wake_at: Date | null
  wait_event: string | null
  wait: unknown
  error: string | null
  exit_reason: string | null
  finished_at: Date | null
}

export interface PendingDelivery {
  id: string
  run_id: string
  flow_id: string
  node_id: string
  contact_id: string
  channel: string
  category: string
  provider: string
  recipient: string
  body: string
  status: string
  idempotency_key: string
  created_at: Date
  sent_at: Date | null
  subject: string | null
  html: string | null
  data: Record<string, unknown> | null
  meta: Record<string, unknown> | null
  /** Why it was not sent: the policy rule of a suppressed delivery. */
  error: string | null
  /** When it goes out: now, or later when a policy deferred it (its deliver job runs then). */
  send_at: Date
  /** The policy rules that deferred it, when it goes out later than now. */
  deferred_by: string | null
  /** The same rules (or the one that suppressed it) as data, with the contact's timezone (migration 0030). */
  policy_reason: PolicyReason | null
}

/**
 * Collects everything one transaction of run transitions writes (steps, run
 * positions, contact changes, deliveries, effects, next jobs) and writes each kind in
 * one statement. Node services read through the transaction and write here.
 */
export class UnitOfWork {
  readonly #trx: Db
  readonly #clock: Clock
  readonly #sms: SmsProviderConfig
  readonly steps: Array<StepRecord & { runId: string }> = []
  readonly runs: RunUpdate[] = []
  readonly tickets: DueTicket[] = []
  readonly deliveries: PendingDelivery[] = []
  /** The tracked links those deliveries carry, written with them (docs/tracking.md). */
  readonly links: PendingLink[] = []
  /** How steps make tracked links; undefined: no public base URL known. */
  readonly tracking: TrackingSettings | undefined
  /** Effects steps asked for, each run by its own job after commit. */
  readonly effects = new EffectRecords()
  /** Counter changes for live status, notified on commit. */
  readonly live = new LiveDeltas()
  readonly #changedContacts = new Map<string, ContactSnapshot>()
  readonly #channelService: ChannelService
  readonly #channels = new Map<string, Promise<ResolvedChannel | undefined>>()
  /** Message policies (consent, caps, quiet hours), read once per batch through the transaction. */
  readonly policies: PolicyGate
  /** Auto-winner splits' decisions, read once per flow version per batch (services.experiments). */
  readonly winners: SplitWinners

  readonly #catalog: FlowCatalog

  /** The batch's contacts' past events, for event conditions. */
  readonly history: EventHistory

  /** How steps take coupon codes and sales reps' turns (for good, unless a simulation passes its own). */
  readonly claims: SharedClaims

  readonly #onlyFlow: string | undefined

  /**
   * `scope.claims`: see `claims` (default WORKSPACE_CLAIMS); `scope.onlyFlow`: attribute writes
   * enter contacts at this flow's triggers only (a journey simulation's own flow; default every active flow's);
   * `scope.tracking`: see `tracking`.
   */
  constructor(
    trx: Db, clock: Clock, sms: SmsProviderConfig, channels: ChannelService, catalog: FlowCatalog, contactIds: string[],
    scope: { claims?: SharedClaims; onlyFlow?: string; tracking?: TrackingSettings } = {},
  ) {
    this.history = new EventHistory(trx, contactIds)
    this.claims = scope.claims ?? WORKSPACE_CLAIMS
    this.#onlyFlow = scope.onlyFlow
    this.tracking = scope.tracking
    this.#catalog = catalog
    this.#trx = trx
    this.#clock = clock
    this.#sms = sms
    this.#channelService = channels
    this.policies = new PolicyGate(trx, contactIds)
    this.winners = new SplitWinners(trx)
  }

  /** The transaction the batch runs in. */
  get trx(): Db {
    return this.#trx
  }

  get clock(): Clock {
    return this.#clock
  }

  get sms(): SmsProviderConfig {
    return this.#sms
  }

  /** Values a node recorded on a run, merged into `runs.vars` at flush. */
  readonly #runVars = new Map<string, Record<string, unknown>>()

  setRunVars(runId: string, values: Record<string, unknown>): void {
    this.#runVars.set(runId, { ...this.#runVars.get(runId), ...values })
  }

  /** Marks a contact whose snapshot changed, to be written back at flush. */
  changed(contact: ContactSnapshot): void {
    this.#changedContacts.set(contact.id, contact)
  }

  /** A channel with its secrets, read once per batch through the transaction. */
  channel(name: string): Promise<ResolvedChannel | undefined> {
    let found = this.#channels.get(name)
    if (!found) this.#channels.set(name, (found = this.#channelService.resolve(name, this.#trx)))
    return found
  }

  /**
   * Writes everything collected, each kind in one statement, inside the caller's transaction.
   * Updates join their rows from JSON and also name the ids in `= any(…)`: Postgres guesses a
   * JSON recordset at 100 rows whatever its size and then reads the whole table with a hash
   * join (4 ms at 5,000 runs, growing with the table) instead of the primary key; the id array's
   * size is known, so the key is used.
   */
  async flush(): Promise<void> {
    const trx = this.#trx
    if (this.steps.length > 0) {
      const rows = this.steps.map((s) => ({
        run_id: s.runId, seq: s.seq, node_id: s.nodeId, node_type: s.nodeType, node_version: s.nodeVersion,
        entered_at: s.enteredAt, left_at: s.leftAt, outcome: s.outcome, port: s.port, output: s.output ?? null, error: s.error ?? null,
      }))
      await sql`insert into steps (run_id, seq, node_id, node_type, node_version, entered_at, left_at, outcome, port, output, error)
        select * from json_to_recordset(${JSON.stringify(rows)}::json) as s(run_id bigint, seq int, node_id text, node_type text,
          node_version int, entered_at timestamptz, left_at timestamptz, outcome text, port text, output jsonb, error text)`.execute(trx)
    }
    const rows = this.runs.map((r) => ({ ...r, vars: this.#runVars.get(r.id) ?? {} }))
    if (rows.length > 0)
      await sql`update runs set vars = runs.vars || v.vars, status = v.status, node_id = v.node_id, node_entered_at = v.node_entered_at, seq = v.seq,
          wake_at = v.wake_at, wait_event = v.wait_event, wait = v.wait, error = v.error, exit_reason = v.exit_reason,
          finished_at = v.finished_at, retry_seq = null, updated_at = now()
        from json_to_recordset(${JSON.stringify(rows)}::json) as v(id bigint, status text, node_id text,
          node_entered_at timestamptz, seq int, wake_at timestamptz, wait_event text, wait jsonb, error text,
          exit_reason text, finished_at timestamptz, vars jsonb)
        where runs.id = v.id and runs.id = any(${rows.map((r) => r.id)}::bigint[])`.execute(trx)
    if (this.#changedContacts.size > 0) {
      const contacts = [...this.#changedContacts.values()].map((c) => ({ id: c.id, tags: c.tags, attributes: c.attributes, owner_id: c.ownerId }))
      // The attributes as they were, read by the same statement before it updates (a CTE sees the
      // statement's snapshot): change and date triggers compare before with after.
      const ids = contacts.map((c) => c.id)
      const { rows: before } = await sql<{ id: string; attributes: Record<string, unknown> }>`with before as (
          select id, attributes from contacts where id = any(${ids}::bigint[])
        ), changed as (
          update contacts set tags = array(select jsonb_array_elements_text(v.tags)), attributes = v.attributes,
            owner_id = v.owner_id, updated_at = now()
          from json_to_recordset(${JSON.stringify(contacts)}::json) as v(id bigint, tags jsonb, attributes jsonb, owner_id text)
          where contacts.id = v.id and contacts.id = any(${ids}::bigint[])
        )
        select id, attributes from before`.execute(trx)
      const after = new Map(contacts.map((c) => [c.id, c.attributes]))
      await applyAttributeWrites(
        trx, this.#catalog, before.map((b) => ({ contactId: b.id, before: b.attributes, after: after.get(b.id)! })), this.#clock.now(), this.#onlyFlow,
      )
    }
    let queued: Array<{ id: string; send_at: Date }> = []
    if (this.deliveries.length > 0) {
      const { rows } = await sql<{ id: string; status: string; send_at: Date }>`insert into deliveries (id, run_id, flow_id, node_id, contact_id,
          channel, category, provider, recipient, body, status, idempotency_key, created_at, sent_at, subject, html, data, meta, error, send_at, deferred_by, policy_reason)
        select * from json_to_recordset(${JSON.stringify(this.deliveries)}::json) as d(id uuid, run_id bigint, flow_id uuid,
          node_id text, contact_id bigint, channel text, category text, provider text, recipient text, body text, status text,
          idempotency_key text, created_at timestamptz, sent_at timestamptz, subject text, html text, data jsonb, meta jsonb,
          error text, send_at timestamptz, deferred_by text, policy_reason jsonb)
        on conflict (idempotency_key) do nothing
        returning id, status, send_at`.execute(trx)
      // A scheduled one (deferred by a policy, outbox included) is checked again by its job when due.
      queued = rows.filter((r) => r.status === 'queued' || r.status === 'scheduled')
      // Counted on commit; a delivery already recorded (a repeated step) is not returned, so not counted again.
      const recorded = new Set(rows.map((r) => r.id))
      countDeliveries(this.deliveries.filter((d) => recorded.has(d.id)).map((d) => ({ channel: d.channel, status: d.status, rule: d.error })))
      await insertTrackedLinks(trx, this.links, recorded)
    }
    const now = this.#clock.now()
    // A delivery deferred by a policy (quiet hours, a cap's window) is handed to its provider when it is due.
    const deliverAt = (sendAt: Date) => (sendAt.getTime() > now.getTime() ? sendAt : now)
    const effectJobs = await this.effects.insert(trx, now)
    await addJobs(trx, [...advanceJobSpecs(this.tickets), ...queued.map((d) => deliverJobSpec(d.id, deliverAt(d.send_at))), ...effectJobs])
    await this.live.notify(trx)
  }
}

