import { randomUUID } from 'node:crypto'
import {
  evaluateCondition,
  httpEffectCall,
  namedEffectCall,
  renderTemplate,
  templateScope,
  type AnyNodeDefinition,
  type ContactSnapshot,
  type DeliveryReceipt,
  type NodeServices,
  type OutgoingMessage,
  type StepGate,
} from '@kairos/sdk'
import type { RunState } from '@kairos/engine'
import { toSalesRep, type RepRow } from '../sales/rep-rows.ts'
import { sql } from 'kysely'
import type { PendingDelivery, UnitOfWork } from './unit-of-work.ts'
import { policyReasonOf } from '../policies/policy-rule.ts'
import { effectResultsOf } from './effect-results.ts'
import { StepLinks } from '../tracking/step-links.ts'

/** Where a message goes: a configured channel, the server's default SMS provider, or the outbox only. */
async function route(work: UnitOfWork, message: OutgoingMessage): Promise<{ provider: string; queued: boolean }> {
  if (message.via) {
    const channel = await work.channel(message.via)
    if (!channel) throw new Error(`channel "${message.via}" does not exist (configure it under /api/channels)`)
    if (channel.kind.carries !== message.channel)
      throw new Error(`channel "${message.via}" is a ${channel.kind.kind} channel and cannot carry ${message.channel}`)
    return { provider: channel.name, queued: true }
  }
  if (message.channel === 'sms' && work.sms.kind === 'http') return { provider: 'http', queued: true }
  return { provider: 'outbox', queued: false }
}

/** What `messages.send` tells the node about a delivery it recorded: suppressed with the rule, or deferred until when. */
function receiptOf(
  delivery: Pick<PendingDelivery, 'id' | 'status' | 'idempotency_key' | 'error' | 'deferred_by'> & { send_at: Date | null },
  now: Date,
): Omit<DeliveryReceipt, 'duplicate'> {
  const receipt: Omit<DeliveryReceipt, 'duplicate'> = {
    id: delivery.id,
    status: delivery.status as DeliveryReceipt['status'],
    idempotencyKey: delivery.idempotency_key,
  }
  if (delivery.status === 'suppressed') receipt.reason = delivery.error ?? undefined
  const delayMs = (delivery.send_at?.getTime() ?? 0) - now.getTime()
  if (delayMs > 0 && delivery.send_at && delivery.deferred_by) receipt.deferred = { until: delivery.send_at.toISOString(), delayMs, rule: delivery.deferred_by }
  return receipt
}

/** The step services are made for: its seq, its node and the node's definition, and the seq its keys use. */
export interface ServiceStep {
  seq: number
  nodeId: string
  definition: AnyNodeDefinition
  /** The seq of the failed step a retried run repeats (runs.retry_seq), whose keys this step reuses. */
  keySeq?: number
}

/**
 * The services one step of one run may use, bound to its contact and keyed
 * by the step (`run:<id>:<seq>`) for idempotency. Reads go through the batch's
 * transaction; writes are collected by the unit of work and written at flush.
 * Once `gate` closes (the step is over, or its run() ran out of time) a
 * call still in progress writes nothing more: each write checks it first.
 */
export function createNodeServices(work: UnitOfWork, run: RunState, contact: ContactSnapshot, step: ServiceStep, gate: StepGate): NodeServices {
  const now = work.clock.now()
  // A retried step (runs/retry-runs.ts) keys its effects by the seq of the step that failed.
  const stepKey = `run:${run.id}:${step.keySeq ?? step.seq}`
  // The `track` filter's links, coded from the step key: a retried step makes the same ones (docs/tracking.md).
  const links = new StepLinks(work.tracking, stepKey)
  // Read once per step, and only by a template that names them.
  let effectResults: Promise<Record<string, unknown>> | undefined
  const effectsFor = async (template: string) => (template.includes('effects') ? { effects: await (effectResults ??= effectResultsOf(work.trx, run.id)) } : {})
  const recordEffect = (call: Parameters<UnitOfWork['effects']['record']>[0]) => {
    gate.check()
    return work.effects.record(call, { run, contactId: contact.id, nodeId: step.nodeId, stepSeq: step.seq, now })
  }
  const services: NodeServices = {
    contacts: {
      async tag({ add = [], remove = [] }) {
        const tags = new Set(contact.tags)
        for (const tag of add) tags.add(tag)
        for (const tag of remove) tags.delete(tag)
        gate.check()
        contact.tags = [...tags]
        work.changed(contact)
      },
      async update({ set = {}, unset = [], increment = {} }) {
        const attributes = { ...contact.attributes, ...set }
        for (const key of unset) delete attributes[key]
        for (const [key, by] of Object.entries(increment)) attributes[key] = Number(attributes[key] ?? 0) + by
        gate.check()
        contact.attributes = attributes
        work.changed(contact)
      },
    },
    messages: {
      async send(message): Promise<DeliveryReceipt> {
        const idempotencyKey = `${stepKey}:${message.channel}`
        const existing = work.deliveries.find((d) => d.idempotency_key === idempotencyKey)
        if (existing) return { ...receiptOf(existing, now), duplicate: true }
        if (step.keySeq !== undefined) {
          const recorded = await work.trx.selectFrom('deliveries').selectAll().where('idempotency_key', '=', idempotencyKey).executeTakeFirst()
          if (recorded) {
            const status = (['scheduled', 'queued', 'failed', 'suppressed'].includes(recorded.status) ? recorded.status : 'sent') as DeliveryReceipt['status']
            // A retried step waits for a message still held back as the first attempt did: until it is due, then its answer.
            return { ...receiptOf({ ...recorded, status }, now), duplicate: true }
          }
        }
        const { provider, queued } = await route(work, message)
        const category = message.category ?? 'marketing'
        // Consent, caps and quiet hours; deliveries this batch already recorded for the contact count too.
        const pending = work.deliveries
          .filter((d) => d.contact_id === contact.id && d.category === 'marketing' && d.status !== 'suppressed')
          .map((d) => ({ channel: d.channel, at: d.send_at.getTime() }))
        const decision = await work.policies.decide(
          { channel: message.channel, category },
          { contact, flowId: run.flowId, flowVersion: run.flowVersion, now, pending },
        )
        const sendAt = decision.send ? decision.at : now
        // Deferred on every path, the outbox included: its deliver job checks it again when it is due.
        const deferred = decision.send && sendAt.getTime() > now.getTime()
        const status = !decision.send ? 'suppressed' : deferred ? 'scheduled' : queued ? 'queued' : 'sent'
        const delivery: PendingDelivery = {
          id: randomUUID(),
          run_id: run.id,
          flow_id: run.flowId,
          node_id: step.nodeId,
          contact_id: contact.id,
          channel: message.channel,
          category,
          provider,
          recipient: message.to,
          body: message.body,
          status,
          idempotency_key: idempotencyKey,
          created_at: now,
          sent_at: status === 'sent' ? now : null,
          subject: message.subject ?? null,
          html: message.html ?? null,
          data: message.data ?? null,
          meta: message.meta ?? null,
          error: decision.send ? null : decision.rule,
          send_at: sendAt,
          deferred_by: decision.send ? decision.deferredBy : null,
          policy_reason: policyReasonOf(decision),
        }
        // The tracked links it carries (and an email's rewritten links and pixel) go in with it.
        const tracked = status === 'suppressed' ? { html: delivery.html ?? undefined, links: [] } : await links.forDelivery(message, delivery.id, idempotencyKey, now)
        delivery.html = tracked.html ?? null
        gate.check()
        work.deliveries.push(delivery)
        work.links.push(...tracked.links)
        return { ...receiptOf(delivery, now), duplicate: false }
      },
    },
    conditions: {
      evaluate: (condition) =>
        evaluateCondition(condition, {
          contact,
          now,
          // "Since entry" means since the event that started the run, on the client's clock like
          // every other event's occurredAt; the server's receive time could be late or early.
          runEnteredAt: run.trigger ? new Date(run.trigger.occurredAt) : run.enteredAt,
          countEvents: (query) => work.history.count(contact.id, query),
        }),
    },
    templates: {
      render: async (template, extra) => {
        if (/\btrack\b/.test(template)) await links.ready()
        return renderTemplate(template, templateScope(contact, run.trigger, { id: run.id, flowId: run.flowId }, { ...(await effectsFor(template)), ...extra }), { links })
      },
    },
    coupons: {
      async issue(spec) {
        gate.check()
        const issued = await work.claims.issueCoupon(work.trx, spec, { contactId: contact.id, key: `${stepKey}:coupon`, now })
        if (issued) {
          gate.check()
          contact.attributes = { ...contact.attributes, coupon: { code: issued.code, issuedAt: now.toISOString(), ...('pool' in spec ? { pool: spec.pool } : {}) } }
          work.changed(contact)
        }
        return issued
      },
    },
    sales: {
      async owner() {
        if (!contact.ownerId) return null
        const { rows } = await sql<RepRow>`select * from sales_reps where id = ${contact.ownerId}`.execute(work.trx)
        return rows[0] ? toSalesRep(rows[0]) : null
      },
      async assign(spec) {
        let team = spec.team
        for (const rule of spec.rules ?? [])
          if (await services.conditions.evaluate(rule.when)) {
            team = rule.team
            break
          }
        gate.check()
        const rep = await work.claims.assignRep(work.trx, { ...spec, team }, contact.ownerId, now)
        if (rep && rep.id !== contact.ownerId) {
          gate.check()
          contact.ownerId = rep.id
          work.changed(contact)
        }
        return rep
      },
      async createTask(task) {
        const repId = task.repId ?? contact.ownerId
        gate.check()
        const { rows } = await sql<{ id: string }>`insert into tasks (rep_id, contact_id, run_id, kind, title, notes, due_at, idempotency_key, created_at)
            values (${repId}, ${contact.id}, ${run.id}, ${task.kind}, ${task.title}, ${task.notes ?? null}, ${task.dueAt}, ${`${stepKey}:task`}, ${now})
            on conflict (idempotency_key) do update set title = excluded.title
            returning id`.execute(work.trx)
        return { id: rows[0].id, repId }
      },
    },
    calendar: {
      load: (name) => work.policies.calendar(name),
    },
    experiments: {
      winner: (nodeId) => work.winners.winner(run.flowId, run.flowVersion, nodeId),
    },
    run: {
      async set(values) {
        gate.check()
        work.setRunVars(run.id, values)
      },
    },
    effects: {
      async http(request, options) {
        return recordEffect(httpEffectCall(request, options, stepKey))
      },
      async run(name, input, options) {
        return recordEffect(namedEffectCall(step.definition, name, input, options, stepKey))
      },
    },
  }
  return services
}
