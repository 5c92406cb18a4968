import { describe, expect, it } from 'vitest'
import { evaluateCondition, matchesWhere, type Condition, type ConditionEnv, type EventCountQuery } from '../src/conditions/index.ts'

interface StoredEvent {
  name: string
  occurredAt: string
  properties: Record<string, unknown>
}

const NOW = new Date('2026-03-10T12:00:00Z')

/** An environment whose countEvents records each query and filters `events` the way a store would. */
function envWith(options: {
  attributes?: Record<string, unknown>
  tags?: string[]
  events?: StoredEvent[]
  runEnteredAt?: Date
} = {}) {
  const queries: EventCountQuery[] = []
  const events = options.events ?? []
  const env: ConditionEnv = {
    contact: { attributes: options.attributes ?? {}, tags: options.tags ?? [] },
    now: NOW,
    runEnteredAt: options.runEnteredAt,
    async countEvents(query) {
      queries.push(query)
      const hits = events.filter(
        (e) =>
          e.name === query.name &&
          (!query.after || Date.parse(e.occurredAt) >= query.after.getTime()) &&
          matchesWhere(query.where, e.properties),
      )
      return Math.min(hits.length, query.limit)
    },
  }
  return { env, queries }
}

const attr = (attributes: Record<string, unknown>, condition: Condition) => evaluateCondition(condition, envWith({ attributes }).env)

describe('evaluateCondition: combinators', () => {
  const yes: Condition = { tag: 'yes' }
  const no: Condition = { tag: 'no' }
  const env = envWith({ tags: ['yes'] }).env

  it('holds an all when every child holds', async () => {
    expect(await evaluateCondition({ all: [yes, yes] }, env)).toBe(true)
  })

  it('fails an all when one child fails', async () => {
    expect(await evaluateCondition({ all: [yes, no] }, env)).toBe(false)
  })

  it('holds an any when one child holds', async () => {
    expect(await evaluateCondition({ any: [no, yes] }, env)).toBe(true)
  })

  it('fails an any when no child holds', async () => {
    expect(await evaluateCondition({ any: [no, no] }, env)).toBe(false)
  })

  it('inverts with not', async () => {
    expect(await evaluateCondition({ not: yes }, env)).toBe(false)
    expect(await evaluateCondition({ not: no }, env)).toBe(true)
  })

  it('stops an all at the first failing child without asking about later events', async () => {
    const { env: recording, queries } = envWith()
    await evaluateCondition({ all: [no, { event: 'order_placed' }] }, recording)
    expect(queries).toEqual([])
  })

  it('stops an any at the first holding child without asking about later events', async () => {
    const { env: recording, queries } = envWith({ tags: ['yes'] })
    await evaluateCondition({ any: [yes, { event: 'order_placed' }] }, recording)
    expect(queries).toEqual([])
  })
})

describe('evaluateCondition: tags', () => {
  it('holds when the contact has the tag', async () => {
    expect(await evaluateCondition({ tag: 'vip' }, envWith({ tags: ['new', 'vip'] }).env)).toBe(true)
  })

  it('fails when the contact lacks the tag', async () => {
    expect(await evaluateCondition({ tag: 'vip' }, envWith({ tags: ['vipx'] }).env)).toBe(false)
  })
})

describe('evaluateCondition: attribute operators', () => {
  it('eq matches equal strings and refuses different ones', async () => {
    expect(await attr({ tier: 'premium' }, { attribute: 'tier', op: 'eq', value: 'premium' })).toBe(true)
    expect(await attr({ tier: 'basic' }, { attribute: 'tier', op: 'eq', value: 'premium' })).toBe(false)
  })

  it('ne holds for a different value and for a missing attribute', async () => {
    expect(await attr({ tier: 'basic' }, { attribute: 'tier', op: 'ne', value: 'premium' })).toBe(true)
    expect(await attr({}, { attribute: 'tier', op: 'ne', value: 'premium' })).toBe(true)
    expect(await attr({ tier: 'premium' }, { attribute: 'tier', op: 'ne', value: 'premium' })).toBe(false)
  })

  it('gt and gte compare numbers', async () => {
    expect(await attr({ score: 50 }, { attribute: 'score', op: 'gt', value: 50 })).toBe(false)
    expect(await attr({ score: 51 }, { attribute: 'score', op: 'gt', value: 50 })).toBe(true)
    expect(await attr({ score: 50 }, { attribute: 'score', op: 'gte', value: 50 })).toBe(true)
    expect(await attr({ score: 49 }, { attribute: 'score', op: 'gte', value: 50 })).toBe(false)
  })

  it('lt and lte compare numbers', async () => {
    expect(await attr({ score: 50 }, { attribute: 'score', op: 'lt', value: 50 })).toBe(false)
    expect(await attr({ score: 49 }, { attribute: 'score', op: 'lt', value: 50 })).toBe(true)
    expect(await attr({ score: 50 }, { attribute: 'score', op: 'lte', value: 50 })).toBe(true)
    expect(await attr({ score: 51 }, { attribute: 'score', op: 'lte', value: 50 })).toBe(false)
  })

  it('compares numbers as numbers, not as text', async () => {
    expect(await attr({ score: 100 }, { attribute: 'score', op: 'gt', value: 9 })).toBe(true)
  })

  it('compares a number attribute with a numeric string value as numbers', async () => {
    expect(await attr({ score: 100 }, { attribute: 'score', op: 'gt', value: '9' })).toBe(true)
    expect(await attr({ score: 75 }, { attribute: 'score', op: 'eq', value: '75' })).toBe(true)
  })

  it('does not order a number against a non-numeric string', async () => {
    expect(await attr({ score: 100 }, { attribute: 'score', op: 'gt', value: 'abc' })).toBe(false)
    expect(await attr({ score: 100 }, { attribute: 'score', op: 'lt', value: 'abc' })).toBe(false)
  })

  it('never orders a missing attribute', async () => {
    expect(await attr({}, { attribute: 'score', op: 'lt', value: 50 })).toBe(false)
    expect(await attr({ score: null }, { attribute: 'score', op: 'gte', value: 0 })).toBe(false)
  })

  it('in holds when the value is one of the list', async () => {
    expect(await attr({ city: 'Shanghai' }, { attribute: 'city', op: 'in', value: ['Beijing', 'Shanghai'] })).toBe(true)
    expect(await attr({ city: 'Hangzhou' }, { attribute: 'city', op: 'in', value: ['Beijing', 'Shanghai'] })).toBe(false)
  })

  it('contains finds a substring of a string', async () => {
    expect(await attr({ email: 'ana@example.com' }, { attribute: 'email', op: 'contains', value: '@example.' })).toBe(true)
    expect(await attr({ email: 'ana@example.com' }, { attribute: 'email', op: 'contains', value: '@other.' })).toBe(false)
  })

  it('contains finds an item of a list', async () => {
    expect(await attr({ interests: ['golf', 'wine'] }, { attribute: 'interests', op: 'contains', value: 'wine' })).toBe(true)
    expect(await attr({ interests: ['golf', 'wine'] }, { attribute: 'interests', op: 'contains', value: 'tea' })).toBe(false)
  })

  it('exists holds for a present value and fails for a missing or null one', async () => {
    expect(await attr({ email: 'a@b.c' }, { attribute: 'email', op: 'exists' })).toBe(true)
    expect(await attr({}, { attribute: 'email', op: 'exists' })).toBe(false)
    expect(await attr({ email: null }, { attribute: 'email', op: 'exists' })).toBe(false)
  })

  it('exists with value false holds for a missing value', async () => {
    expect(await attr({}, { attribute: 'email', op: 'exists', value: false })).toBe(true)
    expect(await attr({ email: 'a@b.c' }, { attribute: 'email', op: 'exists', value: false })).toBe(false)
  })

  it('startsWith matches a prefix of a string only', async () => {
    expect(await attr({ phone: '+8613800000000' }, { attribute: 'phone', op: 'startsWith', value: '+86' })).toBe(true)
    expect(await attr({ phone: '+4915100000000' }, { attribute: 'phone', op: 'startsWith', value: '+86' })).toBe(false)
    expect(await attr({ phone: 8613800000000 }, { attribute: 'phone', op: 'startsWith', value: '86' })).toBe(false)
  })

  it('reads a nested attribute by a dotted path', async () => {
    expect(await attr({ address: { city: 'Suzhou' } }, { attribute: 'address.city', op: 'eq', value: 'Suzhou' })).toBe(true)
  })

  it('compares ISO dates as dates, not as text', async () => {
    // As text "2026-01-05T09:00:00+08:00" > "2026-01-05T02:00:00Z"; as instants it is one hour earlier.
    const condition: Condition = { attribute: 'subscription_end', op: 'lt', value: '2026-01-05T02:00:00Z' }
    expect(await attr({ subscription_end: '2026-01-05T09:00:00+08:00' }, condition)).toBe(true)
  })

  it('treats the same instant written in two timezones as equal', async () => {
    const condition: Condition = { attribute: 'birthday', op: 'eq', value: '2026-01-05T16:00:00+08:00' }
    expect(await attr({ birthday: '2026-01-05T08:00:00Z' }, condition)).toBe(true)
  })

  it('compares a date-only value with a timestamp', async () => {
    expect(await attr({ signup: '2026-01-04' }, { attribute: 'signup', op: 'lt', value: '2026-01-04T00:00:01Z' })).toBe(true)
    expect(await attr({ signup: '2026-01-04' }, { attribute: 'signup', op: 'gte', value: '2026-01-04T00:00:01Z' })).toBe(false)
  })

  it('compares a Date attribute with an ISO string', async () => {
    expect(await attr({ signup: new Date('2026-02-01T00:00:00Z') }, { attribute: 'signup', op: 'gt', value: '2026-01-31' })).toBe(true)
  })
})

describe('evaluateCondition: event conditions', () => {
  const at = (iso: string, name = 'order_placed', properties: Record<string, unknown> = {}): StoredEvent => ({
    name,
    occurredAt: iso,
    properties,
  })

  it('holds when the contact ever did the event, asking with no time bound', async () => {
    const { env, queries } = envWith({ events: [at('2020-01-01T00:00:00Z')] })
    expect(await evaluateCondition({ event: 'order_placed' }, env)).toBe(true)
    expect(queries).toHaveLength(1)
    expect(queries[0]).toMatchObject({ name: 'order_placed', after: undefined, where: undefined })
  })

  it('fails when the contact never did the event', async () => {
    const { env } = envWith({ events: [at('2026-03-10T11:00:00Z', 'cart_added')] })
    expect(await evaluateCondition({ event: 'order_placed' }, env)).toBe(false)
  })

  it('since entry counts only events after the run entered', async () => {
    const runEnteredAt = new Date('2026-03-10T10:00:00Z')
    const before = envWith({ runEnteredAt, events: [at('2026-03-10T09:59:59Z')] })
    const after = envWith({ runEnteredAt, events: [at('2026-03-10T10:00:00Z')] })
    expect(await evaluateCondition({ event: 'order_placed', since: 'entry' }, before.env)).toBe(false)
    expect(await evaluateCondition({ event: 'order_placed', since: 'entry' }, after.env)).toBe(true)
    expect(after.queries[0].after).toEqual(runEnteredAt)
  })

  it('since entry falls back to now when the run start is unknown', async () => {
    const { env, queries } = envWith({ events: [at('2026-03-10T11:00:00Z')] })
    expect(await evaluateCondition({ event: 'order_placed', since: 'entry' }, env)).toBe(false)
    expect(queries[0].after).toEqual(NOW)
  })

  it('since a duration counts back from now', async () => {
    const { env, queries } = envWith({ events: [at('2026-03-10T10:30:00Z')] })
    expect(await evaluateCondition({ event: 'order_placed', since: '1h' }, env)).toBe(false)
    expect(await evaluateCondition({ event: 'order_placed', since: '2h' }, env)).toBe(true)
    expect(queries.map((q) => q.after)).toEqual([new Date('2026-03-10T11:00:00Z'), new Date('2026-03-10T10:00:00Z')])
  })

  it('within counts back from now', async () => {
    const { env, queries } = envWith({ events: [at('2026-03-05T12:00:00Z')] })
    expect(await evaluateCondition({ event: 'order_placed', within: '7d' }, env)).toBe(true)
    expect(await evaluateCondition({ event: 'order_placed', within: '3d' }, env)).toBe(false)
    expect(queries[0].after).toEqual(new Date('2026-03-03T12:00:00Z'))
  })

  it('uses the later bound when both since and within are given', async () => {
    const runEnteredAt = new Date('2026-03-01T00:00:00Z')
    const { env, queries } = envWith({ runEnteredAt })
    await evaluateCondition({ event: 'order_placed', since: 'entry', within: '1d' }, env)
    expect(queries[0].after).toEqual(new Date('2026-03-09T12:00:00Z'))
  })

  it('passes where to the query and counts only matching events', async () => {
    const { env, queries } = envWith({
      events: [at('2026-03-09T00:00:00Z', 'page_viewed', { path: '/blog' }), at('2026-03-09T01:00:00Z', 'page_viewed', { path: '/pricing' })],
    })
    expect(await evaluateCondition({ event: 'page_viewed', where: { path: '/pricing' } }, env)).toBe(true)
    expect(await evaluateCondition({ event: 'page_viewed', where: { path: '/careers' } }, env)).toBe(false)
    expect(queries[0].where).toEqual({ path: '/pricing' })
  })

  it('applies where operators to event properties', async () => {
    const { env } = envWith({ events: [at('2026-03-09T00:00:00Z', 'order_placed', { amount: 80 })] })
    expect(await evaluateCondition({ event: 'order_placed', where: { amount: { gte: 100 } } }, env)).toBe(false)
    expect(await evaluateCondition({ event: 'order_placed', where: { amount: { gte: 50, lt: 100 } } }, env)).toBe(true)
  })

  it('holds a count rule only when enough events match', async () => {
    const views = (n: number) => Array.from({ length: n }, (_, i) => at(`2026-03-0${i + 1}T00:00:00Z`, 'page_viewed'))
    const condition: Condition = { event: 'page_viewed', count: { gte: 3 } }
    expect(await evaluateCondition(condition, envWith({ events: views(2) }).env)).toBe(false)
    expect(await evaluateCondition(condition, envWith({ events: views(3) }).env)).toBe(true)
  })

  it('caps the count query past the largest bound, so the store can stop early', async () => {
    const { env, queries } = envWith()
    await evaluateCondition({ event: 'page_viewed', count: { gte: 3, lte: 5 } }, env)
    expect(queries[0].limit).toBeGreaterThan(5)
    expect(queries[0].limit).toBeLessThan(10)
  })

  it('asks for a whole number of events when a bound is fractional, and still decides it', async () => {
    const views = Array.from({ length: 3 }, (_, i) => at(`2026-03-0${i + 1}T00:00:00Z`, 'page_viewed'))
    const { env, queries } = envWith({ events: views })
    expect(await evaluateCondition({ event: 'page_viewed', count: { gte: 2.5 } }, env)).toBe(true)
    expect(await evaluateCondition({ event: 'page_viewed', count: { lte: 2.5 } }, env)).toBe(false)
    expect(queries.map((q) => q.limit)).toEqual([3, 4])
  })

  it('decides an exact count even when more events exist than the query limit', async () => {
    const events = Array.from({ length: 6 }, (_, i) => at(`2026-03-0${i + 1}T00:00:00Z`, 'page_viewed'))
    const { env } = envWith({ events })
    expect(await evaluateCondition({ event: 'page_viewed', count: { eq: 2 } }, env)).toBe(false)
    expect(await evaluateCondition({ event: 'page_viewed', count: { lte: 5 } }, env)).toBe(false)
  })

  it('holds an exact count and an upper bound', async () => {
    const events = [at('2026-03-01T00:00:00Z', 'page_viewed'), at('2026-03-02T00:00:00Z', 'page_viewed')]
    const { env } = envWith({ events })
    expect(await evaluateCondition({ event: 'page_viewed', count: { eq: 2 } }, env)).toBe(true)
    expect(await evaluateCondition({ event: 'page_viewed', count: { eq: 1 } }, env)).toBe(false)
    expect(await evaluateCondition({ event: 'page_viewed', count: { lte: 1 } }, env)).toBe(false)
    expect(await evaluateCondition({ event: 'page_viewed', count: { gt: 1, lt: 3 } }, env)).toBe(true)
  })

  it('holds a zero count when the contact never did the event', async () => {
    const { env } = envWith()
    expect(await evaluateCondition({ event: 'unsubscribed', count: { eq: 0 } }, env)).toBe(true)
  })

  it('combines since, where and count in one query', async () => {
    const events = [
      at('2026-03-09T00:00:00Z', 'page_viewed', { path: '/pricing' }),
      at('2026-03-08T00:00:00Z', 'page_viewed', { path: '/pricing' }),
      at('2026-03-01T00:00:00Z', 'page_viewed', { path: '/pricing' }),
    ]
    const { env, queries } = envWith({ events })
    const condition: Condition = { event: 'page_viewed', where: { path: '/pricing' }, count: { gte: 3 }, within: '7d' }
    expect(await evaluateCondition(condition, env)).toBe(false)
    expect(queries).toEqual([{ name: 'page_viewed', after: new Date('2026-03-03T12:00:00Z'), where: { path: '/pricing' }, limit: 3 }])
  })
})

describe('numbers that arrive as text', () => {
  const env = (attributes: Record<string, unknown>) => ({
    contact: { attributes, tags: [] }, now: new Date('2026-03-10T12:00:00Z'), countEvents: async () => 0,
  })

  it('compares a numeric-text attribute with a number rule, in both directions', async () => {
    expect(await evaluateCondition({ attribute: 'score', op: 'gte', value: 50 }, env({ score: '75' }))).toBe(true)
    expect(await evaluateCondition({ attribute: 'score', op: 'eq', value: 75 }, env({ score: '75' }))).toBe(true)
    expect(await evaluateCondition({ attribute: 'score', op: 'in', value: [75, 80] }, env({ score: '75' }))).toBe(true)
    expect(await evaluateCondition({ attribute: 'score', op: 'gt', value: '50' }, env({ score: '100' }))).toBe(true)
  })

  it('keeps texts that merely look alike apart for equality', async () => {
    expect(await evaluateCondition({ attribute: 'zip', op: 'eq', value: '0123' }, env({ zip: '123' }))).toBe(false)
  })
})
