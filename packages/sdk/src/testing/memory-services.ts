import type { ContactSnapshot, EventSnapshot } from '../contact.ts'
import { evaluateCondition } from '../conditions/evaluate.ts'
import { matchesWhere } from '../conditions/where.ts'
import type { NodeServices, OutgoingMessage, DeliveryReceipt } from '../services.ts'
import { renderTemplate, templateScope } from '../templates.ts'
import type { Clock } from '../clock.ts'

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
}

/** Services backed by plain objects, with the same idempotency rule as the server's: one send per step key. */
export function createMemoryServices(
  world: MemoryWorld,
  options: { clock: Clock; stepKey: string; runEnteredAt: Date; event?: EventSnapshot; run: { id: string; flowId: string } },
): NodeServices {
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
        return renderTemplate(template, templateScope(world.contact, options.event, options.run, extra))
      },
    },
  }
}
