import fc from 'fast-check'
import type { AnyNodeDefinition } from '@kairos/sdk'
import { loadFlowFixture, publishFlow, type TestKairos } from '../test-kairos.ts'
import { nastyValue } from './mutate.ts'
import type { RouteHints } from './route-requests.ts'
import { valueOf, type Hints, type JsonSchema } from './schema-arbitrary.ts'

/** What the fuzzer must not touch: the administrator it works as and the key it authenticates with. */
export interface Protected {
  adminUserId: string
  fuzzerKeyId: string
}

/** A condition tree as docs/segments.md writes it, with operators and values both right and wrong. */
const condition: fc.Arbitrary<unknown> = fc.letrec<{ cond: unknown; leaf: unknown }>((tie) => ({
  cond: fc.oneof(
    { maxDepth: 3, depthIdentifier: 'condition' },
    { weight: 3, arbitrary: tie('leaf') },
    fc.record({ all: fc.array(tie('cond'), { maxLength: 3 }) }),
    fc.record({ any: fc.array(tie('cond'), { maxLength: 3 }) }),
    fc.record({ not: tie('cond') }),
  ),
  leaf: fc.oneof(
    fc.record({
      attribute: fc.constantFrom('tier', 'plan.seats', 'list.0', 'age', 'birthday', 'a'.repeat(300), '', '..', '__proto__'),
      op: fc.constantFrom('eq', 'ne', 'in', 'gt', 'gte', 'lt', 'lte', 'contains', 'startsWith', 'exists', 'regex'),
      value: fc.oneof(fc.jsonValue({ maxDepth: 1 }), nastyValue),
    }),
    fc.record({ tag: fc.oneof(fc.constantFrom('vip', ''), fc.string()) }),
    fc.record(
      {
        event: fc.constantFrom('page_viewed', 'order_placed', ''),
        within: fc.constantFrom('7d', '30m', '0s', '99999d', 'soon', 'entry'),
        since: fc.constantFrom('30d', 'entry', '1ms'),
        where: fc.dictionary(fc.constantFrom('path', 'amount', 'a.b', ''), fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.record({ gte: nastyValue }))),
        count: fc.oneof(fc.record({ gte: fc.integer({ min: -5, max: 1e6 }) }), fc.record({ eq: nastyValue }), fc.dictionary(fc.string(), fc.integer())),
      },
      { requiredKeys: ['event'] },
    ),
  ),
})).cond

const TEMPLATES = ['Hi {{ contact.externalId }}', '{{ contact.attributes.tier | upcase }}', '{% if x %}', '{{', '{% include "x" %}', '{{ "a" | append: "b" }}', '{% for i in (1..100000) %}x{% endfor %}']

/** A flow graph of real node types, each config shaped by its own schema, edges between its nodes. */
function graphOf(definitions: AnyNodeDefinition[], hints: Hints): fc.Arbitrary<unknown> {
  const node = fc.constantFrom(...definitions).chain((d) =>
    fc.record({ id: fc.stringMatching(/^[a-z][a-z0-9_-]{0,7}$/), type: fc.constant(d.type), config: valueOf(d.config, hints) }),
  )
  return fc.uniqueArray(node, { selector: (n) => n.id, minLength: 1, maxLength: 5 }).chain((nodes) => {
    const ids = nodes.map((n) => n.id)
    const edge = fc.record(
      { source: fc.constantFrom(...ids), target: fc.constantFrom(...ids, 'ghost'), sourcePort: fc.constantFrom('next', 'yes', 'no', 'failed', 'timeout', 'received') },
      { requiredKeys: ['source', 'target'] },
    )
    return fc.record({ nodes: fc.constant(nodes), edges: fc.array(edge, { maxLength: 6 }), settings: fc.option(fc.record({ reentry: fc.constantFrom('once', 'always', 'never') }), { nil: undefined }) }, { requiredKeys: ['nodes', 'edges'] })
  })
}

async function ok<T = any>(kairos: TestKairos, method: 'GET' | 'POST' | 'PUT', url: string, body?: unknown): Promise<T> {
  const reply = await kairos.api(method, url, body)
  if (reply.status >= 300) throw new Error(`fuzz fixture ${method} ${url} failed (${reply.status}): ${JSON.stringify(reply.body)}`)
  return reply.body
}

/**
 * A workspace with one of everything a route can name (flows draft and live, contacts, runs,
 * deliveries, a rep with a task, a pool, a segment, channels, spare users and keys), and the
 * hints that let generated requests name them.
 */
export async function prepareFuzzWorkspace(
  kairos: TestKairos,
): Promise<{ hints: RouteHints; remember(request: { method: string; url: string }, status: number, body: string): void; protected: Protected }> {
  const me = await ok(kairos, 'GET', '/api/auth/me')
  const admin = (await ok(kairos, 'GET', '/api/users')).users[0]
  const spareUsers = await Promise.all(
    ['editor', 'viewer'].map(async (role) => (await ok(kairos, 'POST', '/api/users', { email: `${role}@fuzz.test`, name: role, role, password: 'a long enough password' })).id as string),
  )
  const spareKeys = await Promise.all([1, 2].map(async (n) => (await ok(kairos, 'POST', '/api/api-keys', { name: `spare ${n}`, scopes: ['read'] })).key.id as string))

  await ok(kairos, 'PUT', '/api/sales-reps/rep-1', { name: 'Rita', email: 'rita@fuzz.test', team: 'north' })
  await ok(kairos, 'PUT', '/api/coupon-pools/welcome', { name: 'Welcome' })
  await ok(kairos, 'POST', '/api/coupon-pools/welcome/codes', { codes: ['A1', 'A2', 'A3'] })
  await ok(kairos, 'PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: 'http://127.0.0.1:9/sms', token: 'secret-token' } })
  const segment = await ok(kairos, 'POST', '/api/segments', { name: 'VIPs', condition: { tag: 'vip' } })

  const live = await publishFlow(kairos, 'Welcome', await loadFlowFixture('two-sms'))
  const draft = (await ok(kairos, 'POST', '/api/flows', { name: 'Cart draft', graph: await loadFlowFixture('cart-abandonment') })).id as string
  const sales = await publishFlow(kairos, 'Leads', {
    nodes: [
      { id: 'in', type: 'trigger.event', config: { event: 'lead' } },
      { id: 'assign', type: 'assign.sales', config: { task: { title: 'Call {{ contact.externalId }}', due: '1d' } } },
    ],
    edges: [{ source: 'in', target: 'assign' }],
  })
  const contacts = ['alice', 'bob', '漢字']
  for (const [i, contact] of contacts.entries())
    await ok(kairos, 'PUT', `/api/contacts/${encodeURIComponent(contact)}`, { attributes: { tier: 'gold', age: 30, phone: `+861390000000${i}` }, tags: ['vip'] })
  await ok(kairos, 'POST', '/api/events', { events: contacts.flatMap((contact) => [{ contact, name: 'signed_up' }, { contact, name: 'lead' }]) })
  await kairos.drain()
  const runs = ((await ok(kairos, 'GET', '/api/runs')).runs as Array<{ id: string }>).map((r) => r.id)
  const deliveries = ((await ok(kairos, 'GET', '/api/deliveries')).deliveries as Array<{ id: string }>).map((d) => d.id)
  const tasks = ((await ok(kairos, 'GET', '/api/tasks')).tasks as Array<{ id: string }>).map((t) => t.id)
  const channels = ((await ok(kairos, 'GET', '/api/channels')).channels as Array<{ name: string }>).map((c) => c.name)
  const channelKinds = (await ok(kairos, 'GET', '/api/channel-kinds')).kinds as Array<{ kind: string; configSchema: JsonSchema }>
  const kinds = channelKinds.map((k) => k.kind)
  if (runs.length === 0 || deliveries.length === 0 || tasks.length === 0) throw new Error(`fuzz fixtures: expected runs, deliveries and tasks, got ${runs.length}, ${deliveries.length}, ${tasks.length}`)

  const pick = (values: string[]) => fc.constantFrom(...values)
  // Pools that grow as the fuzzer creates records (`remember`), so later requests name those too.
  const pools = { flows: [live, draft, sales], segments: [segment.id as string], users: spareUsers, keys: spareKeys }
  const flows = pools.flows
  const pooled = (pool: string[]) => fc.nat().map((i) => pool[i % pool.length])
  const hints: RouteHints = {
    formats: {
      // IP literals and localhost: the outbound guard's verdicts without a DNS lookup.
      uri: fc.constantFrom('http://127.0.0.1:9/hook', 'http://localhost:9/x', 'https://10.0.0.1/x', 'http://169.254.169.254/latest/meta-data', 'http://[::1]:9/', 'http://[::ffff:127.0.0.1]/', 'ftp://127.0.0.1/', 'http://0.0.0.0/', 'not a url'),
      'kairos-duration': fc.oneof(fc.constantFrom('30s', '5m', '3d', '0s', 'soon', '3651d', '1ms', '999999999999d'), fc.stringMatching(/^(\d{1,4}(ms|s|m|h|d|w)){1,3}$/)),
      'kairos-template': fc.oneof(fc.constantFrom(...TEMPLATES), fc.string()),
    },
    widgets: { condition },
    properties: {
      contact: pick(contacts),
      externalId: pick(contacts),
      flow: pooled(flows),
      flowId: pooled(flows),
      run: pick(runs),
      rep: pick(['rep-1']),
      salesRepId: pick(['rep-1', 'nobody']),
      channel: pick([...channels, 'sms', 'email']),
      kind: pick(kinds),
      template: fc.oneof(fc.constantFrom(...TEMPLATES), fc.string()),
      condition,
      type: pick(kairos.core.registry.list().map((d) => d.type)),
      password: fc.oneof(fc.constant('a long enough password'), fc.string({ minLength: 10, maxLength: 30 })),
      name: fc.oneof(pick(['signed_up', 'lead', 'cart_added', 'order_placed']), fc.string({ minLength: 1, maxLength: 20 })),
    },
    params(route, param) {
      const url = route.url
      if (url.startsWith('/api/users/')) return route.method === 'GET' ? fc.oneof(pooled(pools.users), fc.constant(admin.id)) : pooled(pools.users)
      if (url.startsWith('/api/api-keys/')) return pooled(pools.keys)
      if (url.startsWith('/api/flows/')) return pooled(flows)
      if (url.startsWith('/api/contacts/')) return pick(contacts)
      if (url.startsWith('/api/runs/')) return pick(runs)
      if (url.startsWith('/api/deliveries/')) return pick(deliveries)
      if (url.startsWith('/api/channels/')) return pick([...channels, 'email-main'])
      if (url.startsWith('/api/sales-reps/')) return pick(['rep-1', 'rep-2'])
      if (url.startsWith('/api/tasks/')) return pick(tasks)
      if (url.startsWith('/api/coupon-pools/')) return pick(['welcome', 'spring'])
      if (url.startsWith('/api/segments/')) return pooled(pools.segments)
      return param === 'id' ? fc.uuid() : undefined
    },
  }
  // The graph's own node configs use the same hints (conditions, durations, templates).
  hints.properties!.graph = graphOf(kairos.core.registry.list(), hints)
  const event = fc.record(
    { contact: pick(contacts), name: pick(['signed_up', 'lead', 'cart_added', 'order_placed', 'page_viewed']), properties: fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }), id: fc.string({ minLength: 1, maxLength: 10 }), occurredAt: valueOf({ type: 'string', format: 'date-time' }) },
    { requiredKeys: ['contact', 'name'] },
  )
  hints.bodies = {
    // One event or a batch: generated from the schema alone, nearly every body mixed the two.
    'POST /api/events': fc.oneof(event, fc.record({ events: fc.array(event, { minLength: 1, maxLength: 5 }) })),
    // The config a kind takes depends on the kind.
    'PUT /api/channels/:name': fc.constantFrom(...channelKinds).chain((k) =>
      fc.record({ kind: fc.constant(k.kind), config: valueOf(k.configSchema, hints), ratePerSecond: fc.option(fc.double({ min: 0.1, max: 100, noNaN: true }), { nil: undefined }) }, { requiredKeys: ['kind', 'config'] }),
    ),
  }
  /** Adds what a successful request created to the pools: flows, segments, users, API keys. */
  function remember(request: { method: string; url: string }, status: number, body: string): void {
    if (status !== 201) return
    const created = JSON.parse(body)
    const path = request.url.split('?')[0]
    if (path === '/api/flows' || path.endsWith('/duplicate')) pools.flows.push(created.id)
    else if (path === '/api/segments') pools.segments.push(created.id)
    else if (path === '/api/users') pools.users.push(created.id)
    else if (path === '/api/api-keys') pools.keys.push(created.key.id)
  }
  return { hints, remember, protected: { adminUserId: admin.id, fuzzerKeyId: me.key.id } }
}
