import type { ContactService } from '../contacts/contact-service.ts'
import type { IncomingEvent, IngestResult } from '../events/ingest-events.ts'
import type { AnonymousEvent, AnonymousVisitors } from './anonymous-visitors.ts'
import type { TrackMessage } from './track-messages.ts'
import { checkHeldTraits, publicTraitWrites } from './public-traits.ts'

/** The services the tracking API applies messages through: contacts, held visitors, event ingestion. */
export interface TrackServiceDeps {
  contacts: ContactService
  visitors: AnonymousVisitors
  /** The server's event ingestion (group commit), as POST /api/events uses it. */
  ingest(events: IncomingEvent[]): Promise<IngestResult>
  /** The contact attribute the workspace's message policies read consent from (`consent` by default): protected like an address. */
  consentAttribute(): Promise<string>
}

/** Who sent the messages, as far as identify's traits are concerned. */
export interface TrackSender {
  /**
   * Whether the sender may rewrite a contact's attributes (it holds contacts:write: an admin
   * key, a CDP's secret key). A public key is in every visitor's hands: its traits set
   * addresses, consent, owner and timezone (PROTECTED_TRAITS) only on a contact the same
   * request creates, and otherwise only add attributes a contact lacks, so nobody can point
   * a known customer's phone or email at themselves by calling identify with their userId.
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
    refuseOversizedTraits(messages, sender)
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
      const linked = await this.#deps.visitors.holdTraits(anonymousId!, message.traits, message.field)
      if (linked !== undefined) await this.#upsert(linked, message.traits, sender, message.field)
      return
    }
    const held = anonymousId === undefined ? {} : await this.#deps.visitors.heldTraits(anonymousId)
    await this.#upsert(userId, { ...held, ...message.traits }, sender, message.field)
    if (anonymousId !== undefined) await this.#deps.visitors.merge(anonymousId, userId)
  }

  /**
   * Upserts the contact with the traits; for a sender that may only add (see TrackSender),
   * with what publicTraitWrites allows, decided under the contact's lock in the write's own
   * transaction (so of two sign-ups racing for one new userId, only the one that created the
   * contact sets its phone).
   */
  async #upsert(externalId: string, traits: Record<string, unknown>, sender: TrackSender, field: string): Promise<void> {
    if (sender.rewritesAttributes) {
      await this.#deps.contacts.upsert(externalId, { attributes: traits })
      return
    }
    const consentAttribute = await this.#deps.consentAttribute()
    await this.#deps.contacts.upsert(externalId, { attributesFor: (current, created) => publicTraitWrites(current, traits, { created, consentAttribute, field }) })
  }
}

/**
 * The caps a message's own traits break, checked before anything of the request is applied:
 * traits held for a visitor past HELD_TRAITS_BYTES, or a public key's traits past
 * PUBLIC_ATTRIBUTES_BYTES. (What they add to stored traits or attributes is checked as each
 * is applied.)
 */
function refuseOversizedTraits(messages: TrackMessage[], sender: TrackSender): void {
  for (const message of messages) {
    if (message.kind !== 'identify') continue
    if (message.who.userId === undefined) checkHeldTraits(message.traits, message.field)
    if (!sender.rewritesAttributes) publicTraitWrites({}, message.traits, { created: true, consentAttribute: '', field: message.field })
  }
}
