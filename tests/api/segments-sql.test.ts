import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { evaluateCondition, matchesWhere, validateCondition, type Condition, type EventCountQuery, type Operator } from '@kairos/sdk'
import { connectDb, type DbHandle } from '@kairos/server'
import { conditionSql } from '../../packages/server/src/segments/condition-sql.ts'
import { countEvents } from '../../packages/server/src/events/count-events.ts'
import { EventHistory } from '../../packages/server/src/execution/event-history.ts'
import { createTestDatabase } from '../support/database.ts'

// The segment compiler against the engine's own evaluator: the same contacts
// and events, stored in Postgres, answered once by SQL (conditionSql) and once
// by evaluateCondition, for hundreds of conditions from tables and for random
// trees. Any difference fails with the condition and the contact.

const NOW = new Date('2026-03-10T12:00:00Z')
const DAY = 86_400_000

/** Stored attribute values: every JSON kind, numeric text, dates in the forms both sides read alike, and near misses. */
const STORED: unknown[] = [
  'abc', 'ab', 'abd', 'ABC', '', 'b', 'é', 'zürich', 'a%c', 'a_c', "o'brien", 'line\nbreak',
  '10', '9', '010', ' 10 ', '10.0', '-5', '1.5', '-0', '1e3', '12abc', '0x10', '10.', '.5',
  '2024-05-01', '2024-05-01T00:00:00Z', '2024-05-01T10:00', '2024-05-01T10:00:00', '2024-05-01 10:00:00+0200',
  '2024-05-01T08:00:00.000Z', '2024-05-01T08:00:00.1239Z', '2024-04-30T23:59:59.999Z', '2024-05-01T10:00:00-05:30',
  '2024-02-29', '2023-02-28T12:00Z', '2024-13-01', '2024-05-01T25:00', '2024-05-01X', '2024-5-1', '9999-12-31',
  10, 9, 9.5, 10.5, -5, 0, 1.5, 1000, 1e21, 0.1, -0.25, 123456789,
  true, false, null,
  ['abc', 10, '2024-05-01'], ['10', 'x'], [], [1.5, 'ab'], [['abc']], [{ a: 1 }], [null], [true],
  { a: 1 }, {},
]

/** Rule values: the same kinds, the values above that matter for ordering, and a few that never match. */
const EXPECTED: unknown[] = [
  'abc', 'ab', '', 'b', 'A', 'é', 'a%', '_', "o'", '10', '9', '010', ' 10 ', '-5', '1.5', '12abc',
  '2024-05-01', '2024-05-01T00:00:00Z', '2024-05-01T10:00', '2024-05-01T12:00:00+0400', '2024-04-30T23:59:59.999Z',
  '2024-02-30', '2024-05-01T08:00:00.123Z', '1'.repeat(400), `-${'9'.repeat(400)}`,
  10, 9.5, -5, 0, 1.5, 1000, 1e21, true, false, null, ['abc'], { a: 1 },
]

const ORDERING_OPS: Operator[] = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'contains', 'startsWith']
const IN_LISTS: unknown[][] = [
  ['abc', 10], ['10', '2024-05-01T00:00:00Z'], [9.5, true, null], [], ['x'], [1000, '1.5', -5], ['2024-05-01T10:00:00Z', 'ab', false],
]
const EXISTS_VALUES: unknown[] = [undefined, true, false, 0, 'x']
const PATHS = ['v', 'deep.v', 'list.0', 'list.1', 'list.-1', 'list.01', 'nope', 'deep.nope.v']

interface Seeded {
  id: string
  attributes: Record<string, unknown>
  tags: string[]
}

interface StoredEvent {
  contactId: string
  name: string
  occurredAt: Date
  properties: Record<string, unknown>
}

let handle: DbHandle
let drop: () => Promise<void>
let contacts: Seeded[] = []
let events: StoredEvent[] = []
/** How many (condition, contact) pairs the last `disagreements` call saw hold, so no table passes by matching nothing. */
let tally = { held: 0, pairs: 0 }

/** A small deterministic PRNG (mulberry32), so a failure reproduces. */
function random(seed: number) {
  let a = seed
  const next = () => {
    a = (a + 0x6d2b79f5) | 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
  }
}

async function seed(): Promise<void> {
  const rng = random(7)
  const tagPool = ['vip', 'premium', 'churned', 'beta', 'VIP']
  const rows = STORED.map((value, i) => ({
    external_id: `c${i}`,
    attributes: JSON.stringify({
      v: value,
      deep: { v: value },
      list: [value, STORED[(i + 1) % STORED.length]],
      score: rng.pick([5, 50, '75', 120, '1e3', null, 'n/a']),
      plan: rng.pick(['premium', 'free', 'Premium', 'pro']),
      ...(i % 7 === 0 ? {} : { joined: rng.pick(['2024-01-15', '2025-12-01T09:00:00Z', '2026-03-01', 'soon']) }),
    }),
    tags: tagPool.filter(() => rng.next() < 0.35),
  }))
  rows.push({ external_id: 'empty', attributes: '{}', tags: [] })
  await handle.db.insertInto('contacts').values(rows).execute()
  const read = await handle.db.selectFrom('contacts').select(['id', 'attributes', 'tags']).orderBy('id').execute()
  contacts = read.map((row) => ({ id: row.id, attributes: row.attributes, tags: row.tags }))

  const names = ['page_viewed', 'order_placed', 'cart_added']
  const paths = ['/pricing', '/home', '/pricing/team', '/PRICING']
  const newEvents: Array<{ contact_id: string; name: string; properties: string; occurred_at: Date }> = []
  for (const contact of contacts)
    for (let n = rng.int(7); n > 0; n--)
      newEvents.push({
        contact_id: contact.id,
        name: rng.pick(names),
        occurred_at: new Date(NOW.getTime() - rng.int(20 * DAY)),
        properties: JSON.stringify({
          path: rng.pick(paths),
          amount: rng.pick([5, '50', 120, 99.5, '1e3', null]),
          ...(rng.next() < 0.5 ? { items: rng.pick([['tea', 'cup'], ['tea'], [], [10, 'tea']]) } : {}),
          ...(rng.next() < 0.3 ? { meta: { source: rng.pick(['ad', 'mail']) } } : {}),
        }),
      })
  await handle.db.insertInto('events').values(newEvents).execute()
  const stored = await handle.db.selectFrom('events').select(['contact_id', 'name', 'occurred_at', 'properties']).execute()
  events = stored.map((e) => ({ contactId: e.contact_id, name: e.name, occurredAt: e.occurred_at, properties: e.properties as Record<string, unknown> }))
}

/**
 * evaluateCondition for one contact, with its events counted by the engine's
 * own `countEvents` on the database, by the advance batch's EventHistory (all
 * contacts' events of a name read at once, then counted in memory), or (for
 * speed, in the big random run) in memory over the same rows read back.
 */
function evaluateInJs(condition: Condition, contact: Seeded, counting: Counting, history?: EventHistory): Promise<boolean> {
  return evaluateCondition(condition, {
    contact: { attributes: contact.attributes, tags: contact.tags },
    now: NOW,
    async countEvents(query: EventCountQuery) {
      if (counting === 'database') return countEvents(handle.db, contact.id, query)
      if (counting === 'history') return history!.count(contact.id, query)
      const hits = events.filter(
        (e) =>
          e.contactId === contact.id &&
          e.name === query.name &&
          (!query.after || e.occurredAt.getTime() >= query.after.getTime()) &&
          matchesWhere(query.where, e.properties),
      )
      return Math.min(hits.length, query.limit)
    },
  })
}

/** For each condition, the ids of the contacts SQL selects (many conditions per query, one column each). */
async function selectInSql(conditions: Condition[]): Promise<Set<string>[]> {
  const results: Set<string>[] = []
  for (let start = 0; start < conditions.length; start += 150) {
    const chunk = conditions.slice(start, start + 150)
    const rows = await handle.db
      .selectFrom('contacts as c')
      .select('c.id')
      .select(chunk.map((condition, i) => conditionSql(condition, { now: NOW, timeZone: 'UTC' }).as(`k${i}`)))
      .execute()
    chunk.forEach((_, i) => results.push(new Set(rows.filter((row) => (row as Record<string, unknown>)[`k${i}`] === true).map((row) => row.id))))
  }
  return results
}

/** Every (condition, contact) pair where SQL and JS disagree, readable in a failure message. */
type Counting = 'database' | 'history' | 'memory'

async function disagreements(conditions: Condition[], counting: Counting = 'memory'): Promise<string[]> {
  for (const condition of conditions) expect(validateCondition(condition), JSON.stringify(condition)).toEqual([])
  const inSql = await selectInSql(conditions)
  const problems: string[] = []
  tally = { held: 0, pairs: 0 }
  // One history for all: as in an advance batch, each event name is read once for every contact.
  const history = new EventHistory(handle.db, contacts.map((c) => c.id))
  for (const [i, condition] of conditions.entries())
    for (const contact of contacts) {
      const js = await evaluateInJs(condition, contact, counting, history)
      tally = { held: tally.held + (js ? 1 : 0), pairs: tally.pairs + 1 }
      if (js !== inSql[i].has(contact.id))
        problems.push(`${JSON.stringify(condition)} on ${JSON.stringify(contact.attributes.v ?? contact.attributes)}: js ${js}, sql ${!js}`)
    }
  return problems
}

function attributeTable(): Condition[] {
  const table: Condition[] = []
  for (const attribute of PATHS) {
    for (const op of ORDERING_OPS) for (const value of EXPECTED) table.push({ attribute, op, value })
    for (const value of IN_LISTS) table.push({ attribute, op: 'in', value })
    for (const value of EXISTS_VALUES) table.push(value === undefined ? { attribute, op: 'exists' } : { attribute, op: 'exists', value })
  }
  return table
}

beforeAll(async () => {
  const database = await createTestDatabase()
  drop = database.drop
  handle = connectDb(database.url, { max: 2 })
  await seed()
})
afterAll(async () => {
  await handle?.close()
  await drop?.()
})

describe('conditionSql agrees with evaluateCondition', () => {
  it(`on every operator × rule value × path over ${STORED.length} stored values`, async () => {
    const table = attributeTable()
    expect(table.length).toBeGreaterThan(2000)
    expect(await disagreements(table)).toEqual([])
    expect(tally.held).toBeGreaterThan(tally.pairs * 0.1)
  })

  it('on tags and the combinators', async () => {
    const table: Condition[] = [
      { tag: 'vip' }, { tag: 'VIP' }, { tag: 'nobody' }, { not: { tag: 'vip' } },
      { all: [{ tag: 'vip' }, { tag: 'premium' }] }, { any: [{ tag: 'vip' }, { tag: 'beta' }] },
      { not: { any: [{ tag: 'vip' }, { attribute: 'v', op: 'gt', value: 5 }] } },
      { not: { attribute: 'v', op: 'eq', value: 'abc' } }, { not: { attribute: 'nope', op: 'exists' } },
      { all: [{ attribute: 'plan', op: 'eq', value: 'premium' }, { not: { attribute: 'score', op: 'lt', value: 50 } }] },
    ]
    expect(await disagreements(table)).toEqual([])
  })

  it('on event conditions: windows, where filters with operators, count bounds', async () => {
    const wheres = [
      undefined, { path: '/pricing' }, { path: { startsWith: '/pricing' } }, { amount: { gte: 50 } }, { amount: 50 },
      { amount: { in: [5, '1e3'] } }, { items: { contains: 'tea' } }, { items: { contains: 10 } }, { 'meta.source': 'ad' },
      { 'meta.source': { exists: false } }, { amount: null }, { path: '/pricing', amount: { lt: 100 } }, { 'items.0': 'tea' },
    ]
    const counts = [undefined, { gte: 2 }, { gte: 3 }, { eq: 0 }, { lt: 2 }, { gt: 1, lte: 3 }, { gte: 0 }, { lte: 0 }, { eq: 2 }, { gt: 0, lt: 1 }]
    const windows = [{}, { within: '1d' }, { within: '7d' }, { since: '3d' }, { since: '10d', within: '14d' }, { within: '30d' }]
    const table: Condition[] = []
    for (const event of ['page_viewed', 'order_placed', 'nothing'])
      for (const where of wheres)
        for (const count of counts)
          table.push({ event, ...windows[table.length % windows.length], ...(where ? { where } : {}), ...(count ? { count } : {}) })
    expect(await disagreements(table, 'database')).toEqual([])
    expect(tally.held).toBeGreaterThan(tally.pairs * 0.1)
    expect(await disagreements(table, 'history')).toEqual([])
    // The same conditions below `not` and `any`, where counts are correlated subqueries rather than a join.
    const nested = table.flatMap((condition): Condition[] => [{ not: condition }, { any: [condition, { tag: 'nobody' }] }])
    expect(await disagreements(nested)).toEqual([])
  })

  it('on count bounds that are not whole numbers', async () => {
    // Counted in memory: the engine's countEvents passes such bounds to LIMIT, which Postgres refuses.
    const counts = [{ gte: 2.5 }, { eq: 1.5 }, { lt: 2.5 }, { gt: 0.5, lte: 2.9 }, { lt: 0.5 }]
    const table: Condition[] = counts.flatMap((count) => [{ event: 'page_viewed', count }, { event: 'cart_added', within: '7d', count }])
    expect(await disagreements(table)).toEqual([])
  })

  it('on 400 random trees mixing all of the above', async () => {
    const rng = random(42)
    const attributeLeaves = attributeTable()
    const leaf = (): Condition => {
      const kind = rng.int(4)
      if (kind === 0) return { tag: rng.pick(['vip', 'premium', 'beta', 'none']) }
      if (kind === 1)
        return {
          event: rng.pick(['page_viewed', 'order_placed', 'cart_added']),
          ...rng.pick([{}, { within: '7d' }, { since: '2d' }]),
          ...rng.pick([{}, { where: { path: '/pricing' } }, { where: { amount: { gt: 10 } } }]),
          ...rng.pick([{}, { count: { gte: 2 } }, { count: { eq: 0 } }, { count: { lt: 3 } }]),
        }
      return rng.pick(attributeLeaves)
    }
    const tree = (depth: number): Condition => {
      if (depth === 0 || rng.next() < 0.3) return leaf()
      const kind = rng.int(3)
      if (kind === 2) return { not: tree(depth - 1) }
      const children = Array.from({ length: 1 + rng.int(3) }, () => tree(depth - 1))
      return kind === 0 ? { all: children } : { any: children }
    }
    const trees = Array.from({ length: 400 }, () => tree(4))
    expect(await disagreements(trees)).toEqual([])
    expect(tally.held).toBeGreaterThan(tally.pairs * 0.2)
    expect(tally.held).toBeLessThan(tally.pairs * 0.8)
  })
})

describe('conditionSql on data JS reads differently (documented in docs/segments.md)', () => {
  /** Which of `values` (stored as attribute `x` of fresh contacts) the condition selects in SQL. */
  async function selects(condition: Condition, values: unknown[]): Promise<unknown[]> {
    const { rows } = await sql<{ x: unknown }>`select c.attributes -> 'x' as x from (
        select ordinality as id, jsonb_build_object('x', value) as attributes, '{}'::text[] as tags
        from jsonb_array_elements(${JSON.stringify(values)}::jsonb) with ordinality) as c
      where ${conditionSql(condition, { now: NOW, timeZone: 'UTC' })} order by c.id`.execute(handle.db)
    return rows.map((row) => row.x)
  }

  it('reads only calendar dates Postgres accepts: 30 February is text, not 1 March', async () => {
    expect(await selects({ attribute: 'x', op: 'eq', value: '2024-03-01' }, ['2024-02-30', '2024-03-01T00:00:00Z'])).toEqual(['2024-03-01T00:00:00Z'])
  })

  it('never fails on malformed dates or huge numeric text, whatever is stored', async () => {
    const odd = ['2024-02-30', '0000-01-01', '2024-01-01T10:00:00+16:00', '2024-01-01 1:2:3', '1'.repeat(2000), `0.${'0'.repeat(20_000)}1`, '2024-01-01T10:00:00.1234567890Z']
    for (const value of ['2024-01-01', 5, '5'])
      for (const op of ['eq', 'gt', 'lt', 'in'] as const)
        await selects({ attribute: 'x', op, value: op === 'in' ? [value] : value }, odd)
  })

  it('takes only own attributes: JS inherited properties (constructor, length) are not attributes', async () => {
    expect(await selects({ attribute: 'x.length', op: 'gt', value: 0 }, [['a'], 'abc'])).toEqual([])
    expect(await selects({ attribute: 'constructor', op: 'exists' }, [1])).toEqual([])
  })

  it('compares numeric text exactly, where JS rounds to a double', async () => {
    expect(await selects({ attribute: 'x', op: 'eq', value: 12345678901234567000 }, ['12345678901234567890', 12345678901234567000])).toEqual([12345678901234567000])
  })

  it('orders text by code point (JS orders by UTF-16 unit, which differs only past U+FFFF)', async () => {
    expect(await selects({ attribute: 'x', op: 'gt', value: '\uff01' }, ['\u{1f600}', 'a'])).toEqual(['\u{1f600}'])
  })

  it('reads date-times without an offset in the given zone, as Date.parse does in that zone', async () => {
    const { rows } = await sql<{ hit: boolean }>`select ${conditionSql({ attribute: 'x', op: 'eq', value: '2024-05-01T01:00:00Z' }, { now: NOW, timeZone: 'Asia/Shanghai' })} as hit
      from (select jsonb_build_object('x', '2024-05-01T09:00') as attributes) as c`.execute(handle.db)
    expect(rows[0].hit).toBe(true)
  })
})
