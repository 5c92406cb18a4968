import type { ContactSnapshot, EventSnapshot } from '../contact.ts'
import { evaluateCondition } from '../conditions/evaluate.ts'
import { matchesWhere } from '../conditions/where.ts'
import type { NodeServices, OutgoingMessage, DeliveryReceipt, SalesRep, NewTask } from '../services.ts'
import { codeFromPattern } from '../coupons/pattern.ts'
import { renderTemplate, templateScope } from '../templates.ts'
import type { Clock } from '../clock.ts'
import { effectOutput, httpEffectCall, namedEffectCall, type EffectCall } from '../effects/effect-calls.ts'
import type { AttemptOutcome } from '../effects/effect-policy.ts'
import type { EffectFunction, EffectReceipt, EffectStatus } from '../effects/effect-types.ts'
import type { WorkdayCalendar } from '../time/workday-calendar.ts'

/** An effect the in-memory services recorded, and (once `runNode` ran it) its attempts and outcome. */
export interface RecordedEffect extends EffectCall {
  id: string
  /** The node that asked for it (later templates read it as `effects.<nodeId>`). */
  nodeId: string
  status: EffectStatus
  /** Each attempt: when it started on the test's clock, and how it went. */
  attempts: Array<{ at: Date; outcome: AttemptOutcome }>
  result?: unknown
  error?: string
}

/** A message the in-memory outbox recorded. */
export interface RecordedMessage extends OutgoingMessage {
  idempotencyKey: string
}

/** In-memory state a node test inspects after `runNode`. */
export interface MemoryWorld {
  contact: ContactSnapshot
  /** The contact's event history, for event conditions. */
  events: EventSnapshot[]
  sent: RecordedMessage[]
  /** Sales reps to assign from, and the tasks created for them. */
  reps?: SalesRep[]
  tasks?: Array<Omit<NewTask, 'repId'> & { id: string; repId: string | null }>
  /** Coupon pools (name → free codes) and every code issued so far. */
  pools?: Record<string, string[]>
  issued?: string[]
  /** Values recorded on the run. */
  runVars?: Record<string, unknown>
  /** Holiday calendars by name; `calendar.load()` without a name gives the first. */
  calendars?: WorkdayCalendar[]
  /** Experiment decisions by split node id (`experiments.winner`); none decided when absent. */
  winners?: Record<string, { arm: string; at: string }>
  /** Effects asked for (`services.effects`), in order; settled ones are what templates read as `effects.<node id>`. */
  effects?: RecordedEffect[]
}

/** Settled effects by node id, the last one of each node, as templates see them. */
function effectsScope(effects: RecordedEffect[] = []): Record<string, unknown> {
  const scope: Record<string, unknown> = {}
  for (const effect of effects)
    if (effect.status !== 'pending') scope[effect.nodeId] = effectOutput({ ...effect, attempts: effect.attempts.length })
  return scope
}

/** Services backed by plain objects, with the same idempotency rule as the server's: one send per step key. */
export function createMemoryServices(
  world: MemoryWorld,
  options: {
    clock: Clock
    stepKey: string
    runEnteredAt: Date
    event?: EventSnapshot
    run: { id: string; flowId: string; nodeId?: string }
    /** The node whose named effects `effects.run` may call. */
    definition?: { type: string; version: number; effects?: Record<string, EffectFunction> }
  },
): NodeServices {
  const record = (call: EffectCall): EffectReceipt => {
    world.effects ??= []
    const earlier = world.effects.find((e) => e.idempotencyKey === call.idempotencyKey)
    if (earlier) return { id: earlier.id, name: earlier.name, idempotencyKey: earlier.idempotencyKey, duplicate: true }
    const effect: RecordedEffect = { ...call, id: `effect-${world.effects.length + 1}`, nodeId: options.run.nodeId ?? 'node', status: 'pending', attempts: [] }
    world.effects.push(effect)
    return { id: effect.id, name: effect.name, idempotencyKey: effect.idempotencyKey, duplicate: false }
  }
  return {
    contacts: {
      async tag({ add = [], remove = [] }) {
        const tags = new Set(world.contact.tags)
        for (const tag of add) tags.add(tag)
        for (const tag of remove) tags.delete(tag)
        world.contact.tags = [...tags]
      },
      async update({ set = {}, unset = [], increment = {} }) {
        const attributes = { ...world.contact.attributes, ...set }
        for (const key of unset) delete attributes[key]
        for (const [key, by] of Object.entries(increment)) attributes[key] = Number(attributes[key] ?? 0) + by
        world.contact.attributes = attributes
      },
    },
    messages: {
      async send(message): Promise<DeliveryReceipt> {
        const idempotencyKey = `${options.stepKey}:${message.channel}`
        const index = world.sent.findIndex((m) => m.idempotencyKey === idempotencyKey)
        if (index >= 0) return { id: String(index + 1), status: 'sent', idempotencyKey, duplicate: true }
        world.sent.push({ ...message, idempotencyKey })
        return { id: String(world.sent.length), status: 'sent', idempotencyKey, duplicate: false }
      },
    },
    conditions: {
      evaluate(condition) {
        return evaluateCondition(condition, {
          contact: world.contact,
          now: options.clock.now(),
          runEnteredAt: options.runEnteredAt,
          async countEvents({ name, after, where, limit }) {
            const hits = world.events.filter(
              (e) => e.name === name && (!after || Date.parse(e.occurredAt) >= after.getTime()) && matchesWhere(where, e.properties),
            )
            return Math.min(hits.length, limit)
          },
        })
      },
    },
    templates: {
      render(template, extra) {
        const scope = { effects: effectsScope(world.effects), ...extra }
        return renderTemplate(template, templateScope(world.contact, options.event, { id: options.run.id, flowId: options.run.flowId }, scope))
      },
    },
    coupons: {
      async issue(spec) {
        world.issued ??= []
        let code: string | undefined
        if ('pool' in spec) code = world.pools?.[spec.pool]?.shift()
        else do code = codeFromPattern(spec.pattern)
        while (world.issued.includes(code))
        if (!code) return null
        world.issued.push(code)
        world.contact.attributes = { ...world.contact.attributes, coupon: { code, issuedAt: options.clock.now().toISOString() } }
        return { code }
      },
    },
    sales: {
      async owner() {
        return world.reps?.find((r) => r.id === world.contact.ownerId) ?? null
      },
      async assign(spec) {
        const current = world.reps?.find((r) => r.id === world.contact.ownerId)
        if (spec.keepOwner && current?.available) return current
        const candidates = (world.reps ?? []).filter((r) => r.available && (!spec.team || r.team === spec.team))
        const rep = candidates[0] ?? null
        if (rep) world.contact.ownerId = rep.id
        return rep
      },
      async createTask(task) {
        world.tasks ??= []
        const created = { ...task, id: String(world.tasks.length + 1), repId: task.repId ?? world.contact.ownerId }
        world.tasks.push(created)
        return { id: created.id, repId: created.repId }
      },
    },
    calendar: {
      async load(name) {
        return (name === undefined ? world.calendars?.[0] : world.calendars?.find((c) => c.name === name)) ?? null
      },
    },
    experiments: {
      async winner(nodeId) {
        return world.winners?.[nodeId] ?? null
      },
    },
    run: {
      async set(values) {
        world.runVars = { ...world.runVars, ...values }
      },
    },
    effects: {
      async http(request, effectOptions) {
        return record(httpEffectCall(request, effectOptions, options.stepKey))
      },
      async run(name, input, effectOptions) {
        if (!options.definition) throw new Error('effects.run: createMemoryServices was given no definition to find the effect in')
        return record(namedEffectCall(options.definition, name, input, effectOptions, options.stepKey))
      },
    },
  }
}
