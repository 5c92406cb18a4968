import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { defineNode, RunTimeLimitError } from '../src/define-node.ts'
import { afterEffect, goTo } from '../src/results.ts'
import { EffectFailure, type NodeServices } from '../src/services.ts'
import { ManualClock, runNode } from '../src/testing/index.ts'
import { loopbackServer } from './support/loopback.ts'

/** A real HTTP server on 127.0.0.1 answering the scripted statuses in turn (200 after), recording each request. */
function fakeApi() {
  let script: number[] = []
  const server = loopbackServer((_request, response) => {
    const status = script.shift() ?? 200
    response.writeHead(status, { 'content-type': 'application/json' })
    response.end(JSON.stringify(status < 300 ? { score: 7 } : { error: `status ${status}` }))
  })
  return { ...server, script: (statuses: number[]) => void (script = statuses) }
}

const api = fakeApi()
let base: string
beforeAll(async () => void (base = await api.listen()))
afterAll(() => api.close())
beforeEach(() => void (api.received.length = 0))

const notify = defineNode({
  type: 'crm.notify',
  version: 1,
  title: 'Notify the CRM',
  category: 'action',
  config: Type.Object({ url: Type.String() }, { additionalProperties: false }),
  ports: ['next', 'failed'],
  async run({ config, contact, services }) {
    const receipt = await services.effects.http({ url: config.url, json: { contact: contact.externalId } })
    return afterEffect(receipt, { done: 'next', failed: 'failed' }, { output: { to: config.url } })
  },
})

describe('runNode runs the effects a step asks for, as the server does', () => {
  it('retries a 503 with backoff on the manual clock and the same Idempotency-Key, then resumes through done with the answer', async () => {
    api.script([503])
    const clock = new ManualClock('2026-03-01T09:00:00Z')
    const { result, world, resumed } = await runNode(notify, { config: { url: `${base}/contacts` }, clock, stepKey: 'run:7:3', random: () => 1 })
    expect(result).toMatchObject({ kind: 'waitForEffect', ports: { done: 'next', failed: 'failed' } })
    expect(api.received.map((r) => [r.method, r.url, r.body, r.headers['idempotency-key']])).toEqual([
      ['POST', '/contacts', '{"contact":"test-contact"}', 'run:7:3:effect:http'],
      ['POST', '/contacts', '{"contact":"test-contact"}', 'run:7:3:effect:http'],
    ])
    const [effect] = world.effects!
    expect(effect.attempts.map((a) => a.at.toISOString())).toEqual(['2026-03-01T09:00:00.000Z', '2026-03-01T09:00:01.000Z'])
    expect(effect.attempts[0].outcome).toMatchObject({ ok: false, retry: true, error: 'HTTP 503' })
    expect(resumed).toEqual({
      port: 'next',
      output: { to: `${base}/contacts`, effect: effect.id, name: 'http', status: 'done', attempts: 2, response: { status: 200, body: { score: 7 } } },
    })
  })

  it('takes failed at once on a 4xx, and after the last attempt of a service that stays down', async () => {
    api.script([400])
    const refused = await runNode(notify, { config: { url: `${base}/x` } })
    expect(api.received).toHaveLength(1)
    expect(refused.resumed).toMatchObject({ port: 'failed', output: { status: 'failed', error: 'HTTP 400', response: { status: 400, body: { error: 'status 400' } } } })
    api.script([500, 500, 500, 500, 500])
    const down = await runNode(notify, { config: { url: `${base}/x` } })
    expect(api.received).toHaveLength(6)
    expect(down.resumed).toMatchObject({ port: 'failed', output: { attempts: 5, error: 'HTTP 500 (gave up after 5 attempts)' } })
  })

  it('only records the effect with effects: "record"', async () => {
    const { world, resumed } = await runNode(notify, { config: { url: `${base}/x` }, effects: 'record' })
    expect(api.received).toHaveLength(0)
    expect(resumed).toBeUndefined()
    expect(world.effects).toEqual([expect.objectContaining({ kind: 'http', status: 'pending', request: expect.objectContaining({ method: 'POST', url: `${base}/x` }) })])
  })

  it('makes one effect of the same call twice in a step, and a retried step (same world and key) makes none', async () => {
    const twice = defineNode({
      ...notify,
      async run({ config, services }) {
        const first = await services.effects.http({ url: config.url })
        const again = await services.effects.http({ url: config.url })
        const other = await services.effects.http({ url: config.url }, { key: 'second' })
        return goTo('next', { duplicate: again.duplicate, same: first.id === again.id, other: other.duplicate })
      },
    })
    const { result, world } = await runNode(twice, { config: { url: `${base}/y` }, stepKey: 'run:1:1' })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { duplicate: true, same: true, other: false } })
    expect(api.received).toHaveLength(2)
    await runNode(twice, { config: { url: `${base}/y` }, stepKey: 'run:1:1', world })
    expect(api.received).toHaveLength(2)
  })
})

describe('named effects in the harness', () => {
  const lookup = defineNode({
    type: 'crm.lookup',
    version: 1,
    title: 'Look the contact up',
    category: 'action',
    config: Type.Object({ url: Type.String() }),
    ports: ['next', 'failed'],
    effects: {
      async lookup(input: { url: string }, ctx) {
        const answer = await ctx.http({ url: input.url, headers: { 'idempotency-key': ctx.idempotencyKey } })
        if (answer.status === 404) throw new EffectFailure('unknown contact', { retry: false })
        if (answer.status >= 500) throw new Error(`HTTP ${answer.status}`)
        return { score: (answer.body as { score: number }).score, attempt: ctx.attempt }
      },
    },
    async run({ config, services }) {
      return afterEffect(await services.effects.run('lookup', { url: config.url }))
    },
  })

  it('runs the function after the step, retried by the same rules, and resumes with its result', async () => {
    api.script([502])
    const { resumed } = await runNode(lookup, { config: { url: `${base}/lookup` }, stepKey: 'run:2:5' })
    expect(api.received.map((r) => r.headers['idempotency-key'])).toEqual(['run:2:5:effect:lookup', 'run:2:5:effect:lookup'])
    expect(resumed).toMatchObject({ port: 'next', output: { name: 'lookup', status: 'done', attempts: 2, result: { score: 7, attempt: 2 } } })
  })

  it('fails at once when the function throws an EffectFailure that says not to retry', async () => {
    api.script([404])
    const { resumed } = await runNode(lookup, { config: { url: `${base}/lookup` } })
    expect(api.received).toHaveLength(1)
    expect(resumed).toMatchObject({ port: 'failed', output: { status: 'failed', attempts: 1, error: 'unknown contact' } })
  })

  it('refuses a call to an effect the node does not declare, failing the step', async () => {
    const stray = defineNode({ ...lookup, run: async ({ services }) => afterEffect(await services.effects.run('score', {})) })
    await expect(runNode(stray, { config: { url: base } })).rejects.toThrow('effects.run: node type crm.lookup@1 declares no effect "score" (declared: lookup)')
  })
})

describe('templates read settled effects as effects.<node id>', () => {
  it('renders the answer an earlier step got', async () => {
    const { world } = await runNode(notify, { config: { url: `${base}/z` }, run: { nodeId: 'crm' } })
    const render = defineNode({
      type: 'render.probe', version: 1, title: 'Render', category: 'action', config: Type.Object({}), ports: ['next'],
      run: async ({ services }) => goTo('next', { text: await services.templates.render('score {{ effects.crm.response.body.score }} ({{ effects.crm.status }})') }),
    })
    const { result } = await runNode(render, { config: {}, world })
    expect(result).toEqual({ kind: 'port', port: 'next', output: { text: 'score 7 (done)' } })
  })
})

describe('the time limit on run() in the harness', () => {
  it('fails a run() that does not finish within the limit, and closes its services', async () => {
    let services: NodeServices | undefined
    const hang = defineNode({
      type: 'hang.probe', version: 1, title: 'Hangs', category: 'action', config: Type.Object({}), ports: ['next'],
      run: (ctx) => {
        services = ctx.services
        return new Promise(() => {})
      },
    })
    const failure = await runNode(hang, { config: {}, runTimeLimitMs: 50, run: { nodeId: 'stuck' } }).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(RunTimeLimitError)
    expect((failure as Error).message).toBe('node type hang.probe@1 (node "stuck") did not finish run() within 50 ms; its services are closed')
    await expect(services!.contacts.tag({ add: ['late'] })).rejects.toThrow('did not finish run() within 50 ms')
  })

  it('refuses services used after run() returned (a promise it did not wait for)', async () => {
    let later: Promise<unknown> | undefined
    const careless = defineNode({
      type: 'careless.probe', version: 1, title: 'Careless', category: 'action', config: Type.Object({}), ports: ['next'],
      run: ({ services }) => {
        later = new Promise((resolve) => setTimeout(resolve, 10)).then(() => services.contacts.tag({ add: ['late'] }))
        return goTo('next')
      },
    })
    const { world } = await runNode(careless, { config: {} })
    await expect(later).rejects.toThrow('node type careless.probe@1 (node "node") used its services after its run() ended')
    expect(world.contact.tags).toEqual([])
  })
})

describe('a named effect asking ctx.http for a request Kairos cannot make', () => {
  it('fails for good at the first attempt, naming the field', async () => {
    const odd = defineNode({
      type: 'odd.lookup', version: 1, title: 'Odd', category: 'action', config: Type.Object({}), ports: ['next', 'failed'],
      effects: { fetch: (_input: unknown, ctx) => ctx.http({ url: 'file:///etc/passwd' }) },
      run: async ({ services }) => afterEffect(await services.effects.run('fetch')),
    })
    const { resumed, world } = await runNode(odd, { config: {} })
    expect(world.effects![0].attempts).toHaveLength(1)
    expect(resumed).toMatchObject({ port: 'failed', output: { status: 'failed', error: 'effects.http: url must be an http(s) URL, got "file:///etc/passwd"' } })
  })
})
