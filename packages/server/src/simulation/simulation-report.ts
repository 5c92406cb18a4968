import { sql } from 'kysely'
import { isTimeZone } from '@kairos/sdk'
import type { Static } from 'typebox'
import type { Db } from '../db/connect.ts'
import { readPolicyReason, type PolicyRule } from '../policies/policy-rule.ts'
import { RUN_STATUSES } from '../schemas/run.ts'
import type { SimulatedMessage, SimulatedRun, SimulatedStep, SimulationReply } from '../schemas/simulation.ts'
import type { SimulatedContact } from './copy-contacts.ts'
import { localDay, localIso } from './local-time.ts'
import type { ScratchFlow } from './scratch-flow.ts'

type Message = Static<typeof SimulatedMessage>
type Step = Static<typeof SimulatedStep>
type Run = Static<typeof SimulatedRun>
type Totals = SimulationReply['totals']

interface RunRow {
  id: string
  contact_id: string
  flow_version: number
  status: string
  node_id: string
  entered_at: Date
  finished_at: Date | null
  wake_at: Date | null
  wait_event: string | null
  wait: { delivery?: string } | null
  trigger: { name?: string } | null
  error: string | null
  exit_reason: string | null
  converted_at: Date | null
}

interface StepRow {
  run_id: string
  seq: number
  node_id: string
  node_type: string
  entered_at: Date
  left_at: Date
  outcome: 'port' | 'exit' | 'error'
  port: string | null
  output: Record<string, unknown> | null
  error: string | null
}

interface DeliveryRow {
  id: string
  channel: string
  provider: string
  category: string
  recipient: string
  body: string
  subject: string | null
  status: string
  send_at: Date
  created_at: Date
  deferred_by: string | null
  error: string | null
  policy_reason: unknown
}

/**
 * Reads what the simulated flow did, in the simulation's transaction, and
 * shapes it: per contact, each run's timeline (every step with its node, UTC
 * and local time, port, the message it rendered and what policies did to it,
 * the coupon it would issue), where the run stands at the end; and totals
 * over all contacts (messages per channel and day, the rules that held
 * messages back, contacts per step, runs by status, goals reached).
 */
export async function simulationReport(
  trx: Db,
  flow: ScratchFlow,
  contacts: SimulatedContact[],
  coupons: ReadonlyMap<string, string>,
): Promise<Pick<SimulationReply, 'contacts' | 'totals'>> {
  const { rows: runs } = await sql<RunRow>`select id, contact_id, flow_version, status, node_id, entered_at, finished_at, wake_at, wait_event,
      wait, trigger, error, exit_reason, converted_at from runs where flow_id = ${flow.id} order by contact_id, id`.execute(trx)
  const { rows: steps } = await sql<StepRow>`select s.run_id, s.seq, s.node_id, s.node_type, s.entered_at, s.left_at, s.outcome, s.port, s.output, s.error
      from steps s join runs r on r.id = s.run_id where r.flow_id = ${flow.id} order by s.run_id, s.seq`.execute(trx)
  const { rows: deliveries } = await sql<DeliveryRow>`select id, channel, provider, category, recipient, body, subject, status, send_at, created_at,
      deferred_by, error, policy_reason from deliveries where flow_id = ${flow.id}`.execute(trx)

  const flowZone = flow.compiled.settings.timezone
  const label = (node: string) => flow.compiled.nodes.get(node)?.node.label ?? null
  const typeOf = (node: string) => flow.compiled.nodes.get(node)?.node.type ?? 'unknown'
  const deliveryById = new Map(deliveries.map((d) => [d.id, d]))
  const stepsOf = Map.groupBy(steps, (s) => s.run_id)
  const runsOf = Map.groupBy(runs, (r) => r.contact_id)

  const messageOf = (id: unknown, zone: string): Message | undefined => {
    const d = typeof id === 'string' ? deliveryById.get(id) : undefined
    if (!d) return undefined
    const status = d.status === 'queued' || d.status === 'scheduled' ? 'scheduled' : d.status === 'suppressed' || d.status === 'failed' ? d.status : 'sent'
    return {
      channel: d.channel, provider: d.provider, category: d.category, to: d.recipient, text: d.body, subject: d.subject, status,
      sendAt: d.send_at.toISOString(), sendAtLocal: localIso(d.send_at, zone),
      deferredBy: d.deferred_by, suppressedBy: d.status === 'suppressed' || d.status === 'failed' ? d.error : null,
      // As the policy gate recorded it on the delivery (and settle-simulated.ts when due), the same data a real delivery carries.
      policyReason: readPolicyReason(d.policy_reason),
    }
  }

  const shaped = contacts.map((contact) => {
    const zone = isTimeZone(contact.attributes.timezone) ? contact.attributes.timezone : flowZone
    return {
      contact: contact.name,
      source: contact.source,
      timezone: zone,
      runs: (runsOf.get(contact.id) ?? []).map((run): Run => {
        const timeline = (stepsOf.get(run.id) ?? []).map((s): Step => {
          const step: Step = {
            node: s.node_id, type: s.node_type, label: label(s.node_id), enteredAt: s.entered_at.toISOString(),
            at: s.left_at.toISOString(), atLocal: localIso(s.left_at, zone), outcome: s.outcome, port: s.port, error: s.error, output: s.output,
          }
          const message = messageOf(s.output?.delivery, zone)
          if (message) step.message = message
          const coupon = coupons.get(`run:${run.id}:${s.seq}:coupon`)
          if (coupon) step.coupon = coupon
          return step
        })
        const waitingFor = run.status === 'waiting' ? messageOf(run.wait?.delivery, zone) : undefined
        return {
          version: run.flow_version,
          enteredAt: run.entered_at.toISOString(),
          enteredAtLocal: localIso(run.entered_at, zone),
          trigger: run.trigger?.name ?? 'unknown',
          status: run.status,
          endedAt: run.finished_at?.toISOString() ?? null,
          exitReason: run.exit_reason,
          error: run.error,
          goal: { reached: run.converted_at !== null, at: run.converted_at?.toISOString() ?? null },
          waiting:
            run.status === 'waiting' || run.status === 'running'
              ? {
                  node: run.node_id, type: typeOf(run.node_id), label: label(run.node_id),
                  until: run.wake_at?.toISOString() ?? null, untilLocal: run.wake_at ? localIso(run.wake_at, zone) : null, event: run.wait_event,
                  ...(waitingFor ? { message: waitingFor } : {}),
                }
              : null,
          steps: timeline,
        }
      }),
    }
  })
  return { contacts: shaped, totals: totalsOf(flow, contacts, runs, steps, deliveries) }
}

function totalsOf(flow: ScratchFlow, contacts: SimulatedContact[], runs: RunRow[], steps: StepRow[], deliveries: DeliveryRow[]): Totals {
  const zone = flow.compiled.settings.timezone
  const byStatus = Object.fromEntries(RUN_STATUSES.map((s) => [s, 0])) as Totals['runs']
  for (const run of runs) byStatus[run.status as keyof Totals['runs']]++

  const messages = new Map<string, Totals['messages'][number]>()
  const rules = new Map<string, Totals['rules'][number]>()
  const rule = (name: string, data: PolicyRule | undefined) => {
    const row = rules.get(name) ?? rules.set(name, { rule: name, policyRule: null, suppressed: 0, deferred: 0 }).get(name)!
    row.policyRule ??= data ?? null
    return row
  }
  for (const d of deliveries) {
    // Sent ones count on the day they go out; suppressed ones on the day they were stopped. Queued ones go after the horizon.
    if (d.status === 'scheduled' || d.status === 'queued' || d.status === 'failed') continue
    const suppressed = d.status === 'suppressed'
    const day = localDay(suppressed ? d.created_at : d.send_at, zone)
    const key = `${day}|${d.channel}`
    const row = messages.get(key) ?? messages.set(key, { day, channel: d.channel, sent: 0, deferred: 0, suppressed: 0 }).get(key)!
    const reason = readPolicyReason(d.policy_reason)
    if (suppressed) {
      row.suppressed++
      rule(d.error ?? 'suppressed by a policy', reason?.suppressedBy ?? undefined).suppressed++
    } else {
      row.sent++
      if (d.deferred_by) {
        row.deferred++
        // The sentences and the rules as data come from one decision, in the same order (decide.ts).
        for (const [i, name] of d.deferred_by.split('; ').entries()) rule(name, reason?.deferredBy?.[i]).deferred++
      }
    }
  }

  const contactOfRun = new Map(runs.map((r) => [r.id, r.contact_id]))
  const perNode = new Map<string, { contacts: Set<string>; steps: number; waiting: number }>()
  const node = (id: string) => perNode.get(id) ?? perNode.set(id, { contacts: new Set(), steps: 0, waiting: 0 }).get(id)!
  for (const s of steps) {
    const n = node(s.node_id)
    n.steps++
    n.contacts.add(contactOfRun.get(s.run_id)!)
  }
  for (const run of runs) if (run.status === 'waiting' || run.status === 'running') node(run.node_id).waiting++
  // In the graph's order, so counters read top to bottom as the editor draws them.
  const stepTotals = [...flow.compiled.nodes.values()].map(({ node: n }) => {
    const counted = perNode.get(n.id)
    return { node: n.id, type: n.type, label: n.label ?? null, contacts: counted?.contacts.size ?? 0, steps: counted?.steps ?? 0, waiting: counted?.waiting ?? 0 }
  })

  return {
    contacts: contacts.length,
    entered: new Set(runs.map((r) => r.contact_id)).size,
    goalReached: runs.filter((r) => r.converted_at !== null).length,
    runs: byStatus,
    messages: [...messages.values()].sort((a, b) => a.day.localeCompare(b.day) || a.channel.localeCompare(b.channel)),
    rules: [...rules.values()].sort((a, b) => b.suppressed + b.deferred - (a.suppressed + a.deferred) || a.rule.localeCompare(b.rule)),
    steps: stepTotals,
  }
}
