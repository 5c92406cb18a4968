import type { ContactService } from '../contacts/contact-service.ts'
import { KairosError } from '../errors.ts'
import type { IncomingEvent, IngestResult } from '../events/ingest-events.ts'
import type { AnonymousEvent, AnonymousVisitors } from './anonymous-visitors.ts'
import type { TrackMessage } from './track-messages.ts'

/** The services the tracking API applies messages through: contacts, held visitors, event ingestion. */
export interface TrackServiceDeps {
  contacts: ContactService
  visitors: AnonymousVisitors
  /** The server's event ingestion (group commit), as POST /api/events uses it. */
  ingest(events: IncomingEvent[]): Promise<IngestResult>
}

/** Who sent the messages, as far as identify's traits are concerned. */
export interface TrackSender {
  /**
   * Whether the sender may rewrite a contact's attributes (it holds contacts:write: an admin
   * key, a CDP's secret key). A public key is in every visitor's hands: its traits only add
   * attributes a contact does not have yet, so nobody can point a known customer's phone or
   * email at themselves by calling identify with that customer's userId.
   */
  rewritesAttributes: boolean
}

type EventMessage = Extract<TrackMessage, { kind: 'event' }>
type IdentifyMessage = Extract<TrackMessage, { kind: 'identify' }>

/**
 * Applies Segment messages in the order sent. Consecutive events go to the event ingestion
 * together (one transaction, journeys started and resumed exactly as by POST /api/events);
 * an identify between them is applied where it stands, so `track, identify, track` from a
 * browser files the first event under the visitor and the last under the contact.
 */
export class TrackService {
  readonly #deps: TrackServiceDeps

  constructor(deps: TrackServiceDeps) {
    this.#deps = deps
  }

  async apply(messages: TrackMessage[], sender: TrackSender): Promise<void> {
    let events: EventMessage[] = []
    for (const message of messages) {
      if (message.kind === 'event') {
        events.push(message)
        continue
      }
      await this.#events(events)
      events = []
      await this.#identify(message, sender)
    }
    await this.#events(events)
  }

  /**
   * Events with a userId are the contact's; those with only an anonymousId are held or, for a
   * linked visitor, the contact's.
   */
  async #events(messages: EventMessage[]): Promise<void> {
    if (messages.length === 0) return
    const anonymous: AnonymousEvent[] = messages
      .filter((m) => m.who.userId === undefined)
      .map((m) => ({ anonymousId: m.who.anonymousId!, name: m.name, properties: m.properties, messageId: m.messageId, occurredAt: m.occurredAt }))
    const linked = await this.#deps.visitors.hold(anonymous)
    // A message with both ids links them too, as an identify would (a CDP may send no identify):
    // the visitor's held events move to the contact first, so they keep their place before these.
    const pairs = new Map(messages.filter((m) => m.who.userId !== undefined && m.who.anonymousId !== undefined).map((m) => [m.who.anonymousId!, m.who.userId!]))
    for (const anonymousId of await this.#deps.visitors.unlinked([...pairs.keys()])) await this.#deps.visitors.merge(anonymousId, pairs.get(anonymousId)!)
    // In the order sent: a linked visitor's events and its contact's may interleave.
    const events: IncomingEvent[] = messages.flatMap((m) => {
      const contact = m.who.userId ?? linked.get(m.who.anonymousId!)
      return contact === undefined ? [] : [{ contact, name: m.name, properties: m.properties, id: m.messageId, occurredAt: m.occurredAt }]
    })
    if (events.length > 0) await this.#deps.ingest(events)
  }

  /**
   * identify with a userId upserts the contact (external id = userId) with the traits as
   * attributes, through the contacts service (so trigger.change and trigger.date flows see
   * it), after the traits the visitor sent anonymously; with an anonymousId too, the
   * visitor's held events then move to the contact. With only an anonymousId, the traits are
   * held for the visitor (or go to its contact once linked).
   */
  async #identify(message: IdentifyMessage, sender: TrackSender): Promise<void> {
    const { userId, anonymousId } = message.who
    if (userId === undefined) {
      const linked = await this.#deps.visitors.holdTraits(anonymousId!, message.traits)
      if (linked !== undefined) await this.#upsert(linked, message.traits, sender)
      return
    }
    const held = anonymousId === undefined ? {} : await this.#deps.visitors.heldTraits(anonymousId)
    await this.#upsert(userId, { ...held, ...message.traits }, sender)
    if (anonymousId !== undefined) await this.#deps.visitors.merge(anonymousId, userId)
  }

  /** Upserts the contact with the traits, or with those it lacks for a sender that may only add (see TrackSender). */
  async #upsert(externalId: string, traits: Record<string, unknown>, sender: TrackSender): Promise<void> {
    let attributes = traits
    if (!sender.rewritesAttributes) {
      const current = await this.#deps.contacts.get(externalId).then((c) => c.attributes, (error: unknown) => {
        if (error instanceof KairosError && error.code === 'KAIROS_NOT_FOUND') return {}
        throw error
      })
      attributes = Object.fromEntries(Object.entries(traits).filter(([key, value]) => value !== null && !(key in current)))
    }
    await this.#deps.contacts.upsert(externalId, { attributes })
  }
}
