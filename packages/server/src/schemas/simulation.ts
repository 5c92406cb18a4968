import { Type, type Static } from 'typebox'
import { PolicyReason, PolicyRule } from '../policies/policy-rule.ts'
import { DateTime, Nullable, OneOf, OpenObject } from './reply-fields.ts'
import { RUN_STATUSES } from './run.ts'

// POST /api/flows/:id/simulate: what it takes and what it answers (docs/simulation.md).
// Bounds (1,000 contacts, 10,000 events, a 90-day horizon) are checked by the handler, so
// that each refusal names its field in words rather than as an anyOf branch that failed.

const ContactRef = Type.String({ minLength: 1, maxLength: 200, description: 'A stored contact: its external id, or its numeric id' })

export const InlineContact = Type.Object(
  {
    externalId: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'A name for it in the answer and in events (default inline-<n>)' })),
    attributes: Type.Optional(Type.Record(Type.String({ minLength: 1, maxLength: 100 }), Type.Unknown())),
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 500 })),
    ownerId: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
  },
  { additionalProperties: false, description: 'A contact made up for the simulation; it is never stored' },
)
export type InlineContact = Static<typeof InlineContact>

export const SegmentSample = Type.Object(
  {
    segment: Type.String({ minLength: 1, maxLength: 64, description: 'Segment id' }),
    sample: Type.Integer({ minimum: 1, description: 'How many of its contacts, picked at random (at most 1,000)' }),
  },
  { additionalProperties: false },
)

export const ScriptedEvent = Type.Object(
  {
    at: Type.String({ minLength: 2, maxLength: 40, description: 'When, on the virtual clock: "+2h" after the start, or an ISO time within the horizon' }),
    contact: Type.String({ minLength: 1, maxLength: 200, description: 'Who: a contact as named in `contacts` (or its external id), or "*" for every simulated contact' }),
    name: Type.String({ minLength: 1, maxLength: 200, description: 'Event name, e.g. order_placed' }),
    properties: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: false },
)
export type ScriptedEvent = Static<typeof ScriptedEvent>

export const SimulateBody = Type.Object(
  {
    version: Type.Optional(Type.Integer({ minimum: 1, description: 'A published version to simulate' })),
    draft: Type.Optional(Type.Literal(true, { description: 'Simulate the draft graph (the default when no version is given)' })),
    contacts: Type.Union(
      [
        Type.Array(Type.Union([ContactRef, InlineContact]), { minItems: 1, description: 'Stored contacts by external id or id, and/or inline contacts (at most 1,000)' }),
        SegmentSample,
      ],
      { description: 'Who to simulate: a list, or a random sample of a segment' },
    ),
    events: Type.Optional(Type.Array(ScriptedEvent, { description: 'What the contacts do, at virtual times (at most 10,000)' })),
    horizon: Type.String({ minLength: 2, maxLength: 20, description: 'How far to run the virtual clock, e.g. 10d (at most 90d)' }),
    now: Type.Optional(Type.String({ format: 'date-time', description: 'Where the virtual clock starts (default: now)' })),
  },
  { additionalProperties: false },
)
export type SimulateBody = Static<typeof SimulateBody>

const LocalTime = Type.String({ description: "The same instant on the contact's clock, ISO 8601 with its offset, e.g. 2027-03-01T14:00:00+08:00" })

export const SimulatedMessage = Type.Object({
  channel: Type.String(),
  provider: Type.String({ description: 'The channel it would go through, or outbox' }),
  category: OneOf(['marketing', 'transactional']),
  to: Type.String(),
  text: Type.String({ description: 'The rendered message' }),
  subject: Nullable(Type.String()),
  status: OneOf(['sent', 'suppressed', 'scheduled', 'failed'], {
    description: 'sent: would go out at sendAt; suppressed: a policy stops it (suppressedBy); scheduled: due after the horizon',
  }),
  sendAt: DateTime,
  sendAtLocal: LocalTime,
  deferredBy: Nullable(Type.String({ description: 'The rules that moved it later (quiet hours, a cap with onCap wait)' })),
  suppressedBy: Nullable(Type.String({ description: 'The rule that stops it (consent, a cap)' })),
  policyReason: Nullable(PolicyReason),
})

export const SimulatedStep = Type.Object({
  node: Type.String(),
  type: Type.String(),
  label: Nullable(Type.String()),
  enteredAt: DateTime,
  at: DateTime,
  atLocal: LocalTime,
  outcome: OneOf(['port', 'exit', 'error']),
  port: Nullable(Type.String()),
  error: Nullable(Type.String()),
  output: Nullable(OpenObject),
  message: Type.Optional(SimulatedMessage),
  coupon: Type.Optional(Type.String({ description: 'The code the step would issue' })),
})

export const SimulatedRun = Type.Object({
  version: Type.Integer(),
  enteredAt: DateTime,
  enteredAtLocal: LocalTime,
  trigger: Type.String({ description: 'What let the contact in: an event name, date.reached, schedule.tick or attribute.changed' }),
  status: OneOf(RUN_STATUSES, { description: 'Where the run stands when the horizon ends' }),
  endedAt: Nullable(DateTime),
  exitReason: Nullable(Type.String()),
  error: Nullable(Type.String()),
  goal: Type.Object({ reached: Type.Boolean(), at: Nullable(DateTime) }),
  waiting: Nullable(
    Type.Object({
      node: Type.String(),
      type: Type.String(),
      label: Nullable(Type.String()),
      until: Nullable(DateTime),
      untilLocal: Nullable(LocalTime),
      event: Nullable(Type.String({ description: 'The event it waits for' })),
      message: Type.Optional(SimulatedMessage),
    }, { description: 'Where a run still in the journey stands when the horizon ends (a message it waits to send: due after the horizon)' }),
  ),
  steps: Type.Array(SimulatedStep),
})

export const SimulatedContact = Type.Object({
  contact: Type.String({ description: 'As named in the request (external id, or inline-<n>)' }),
  source: OneOf(['stored', 'inline']),
  timezone: Type.String({ description: "The zone its local times are in: its own timezone attribute, else the flow's" }),
  runs: Type.Array(SimulatedRun),
})

export const SimulationTotals = Type.Object({
  contacts: Type.Integer({ description: 'Contacts simulated' }),
  entered: Type.Integer({ description: 'Contacts that entered the journey at least once' }),
  goalReached: Type.Integer({ description: "Runs that met the flow's goal" }),
  runs: Type.Object(Object.fromEntries(RUN_STATUSES.map((s) => [s, Type.Integer()])) as Record<(typeof RUN_STATUSES)[number], ReturnType<typeof Type.Integer>>),
  messages: Type.Array(
    Type.Object({
      day: Type.String({ description: "YYYY-MM-DD in the flow's timezone, by send time" }),
      channel: Type.String(),
      sent: Type.Integer({ description: 'Would go out that day (deferred ones included)' }),
      deferred: Type.Integer({ description: 'Of those, held back by a rule first' }),
      suppressed: Type.Integer(),
    }),
  ),
  rules: Type.Array(
    Type.Object({
      rule: Type.String({ description: 'The rule as the sentence a delivery records (deferredBy, suppressedBy)' }),
      // The same rule as data (kind and params), as in policyReason, for the editor to word; null when the messages recorded none.
      policyRule: Nullable(PolicyRule),
      suppressed: Type.Integer(),
      deferred: Type.Integer(),
    }),
  ),
  steps: Type.Array(
    Type.Object({
      node: Type.String(),
      type: Type.String(),
      label: Nullable(Type.String()),
      contacts: Type.Integer({ description: 'Distinct contacts that passed through' }),
      steps: Type.Integer(),
      waiting: Type.Integer({ description: 'Runs waiting there when the horizon ends' }),
    }),
  ),
})

export const SimulationReply = Type.Object({
  flow: Type.Object({ id: Type.String(), version: Nullable(Type.Integer({ description: 'The version simulated; null for the draft' })), draft: Type.Boolean() }),
  from: DateTime,
  to: DateTime,
  timezone: Type.String({ description: "The flow's timezone (message days are counted in it)" }),
  contacts: Type.Array(SimulatedContact),
  totals: SimulationTotals,
  warnings: Type.Array(Type.Object({ code: Type.String(), message: Type.String(), contact: Type.Optional(Type.String()) })),
  elapsedMs: Type.Integer({ description: 'Wall time the simulation took' }),
})
export type SimulationReply = Static<typeof SimulationReply>
