import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { userSession, type SessionClient } from '../support/test-auth.ts'
import { addCounters, LIVE_CHANNEL, type FlowCounters } from '../../packages/server/src/live/live-deltas.ts'

/** Records an SMS, then fails while the contact is `broken`: a step that had sent before it failed. */
const flakyNode = `export default {
  type: 'test.flaky', version: 1, title: 'Send, then maybe fail', category: 'action',
  config: { type: 'object', properties: {} }, ports: ['next'],
  async run({ contact, services }) {
    await services.messages.send({ channel: 'sms', to: contact.attributes.phone ?? '+4915100000000', body: 'Your code is 1234' })
    if (contact.attributes.broken) throw new Error('CRM lookup failed: 503')
    return { kind: 'port', port: 'next' }
  },
}`

const waitThenSms = {
  nodes: [
    { id: 'entry', type: 'trigger.event', config: { event: 'signed_up' } },
    { id: 'hold', type: 'wait', config: { for: '1h' } },
    { id: 'hello', type: 'send.sms', config: { text: 'Hello {{ contact.externalId }}' } },
  ],
  edges: [{ source: 'entry', target: 'hold' }, { source: 'hold', target: 'hello' }],
  settings: { reentry: 'always' },
}

const flaky = {
  nodes: [
    { id: 'entry', type: 'trigger.event', config: { event: 'ordered' } },
    { id: 'code', type: 'test.flaky', config: {} },
    { id: 'later', type: 'wait', config: { for: '1d' } },
    { id: 'done', type: 'tag', config: { add: ['coded'] } },
  ],
  edges: [{ source: 'entry', target: 'code' }, { source: 'code', target: 'later' }, { source: 'later', target: 'done' }],
  settings: { reentry: 'always' },
}

// Operators manage runs: stuck runs listed with the reason, bulk cancel and retry, each one audited operation.
describe('runs an operator can manage', () => {
  let dir: string
  let kairos: TestKairos
  let waitFlow: string
  let flakyFlow: string
  let viewer: SessionClient

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kairos-flaky-'))
    await mkdir(join(dir, 'flaky'))
    await writeFile(join(dir, 'flaky', 'package.json'), JSON.stringify({ name: 'flaky', type: 'module', kairos: { nodes: ['./index.js'] } }))
    await writeFile(join(dir, 'flaky', 'index.js'), flakyNode)
    kairos = await startTestKairos({ pluginDirs: [dir] })
    waitFlow = await publishFlow(kairos, 'Wait then SMS', waitThenSms)
    flakyFlow = await publishFlow(kairos, 'Flaky', flaky)
    viewer = await userSession(kairos.app, kairos.authHeaders, { email: 'viewer@kairos.test', role: 'viewer' })
  })
  afterAll(async () => {
    await kairos?.stop()
    await rm(dir, { recursive: true, force: true })
  })

  const runOf = async (flowId: string, contact: string) => (await kairos.api('GET', `/api/runs?flow=${flowId}&contact=${contact}`)).body.runs[0]
  const deliveriesOf = async (contact: string) => (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries as any[]
  const enter = async (name: string, contacts: string[]) => {
    await kairos.api('POST', '/api/events', { events: contacts.map((contact) => ({ contact, name })) })
    await kairos.drain()
  }
  const auditOf = async (action: string) =>
    ((await kairos.api('GET', '/api/audit?limit=100')).body.entries as any[]).filter((e) => e.action === action)

  it('cancels exactly the listed runs: they never wake again, the others go on', async () => {
    for (const [i, contact] of ['ann', 'ben', 'cy', 'dee'].entries())
      await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: { phone: `+491510000010${i}` } })
    await enter('signed_up', ['ann', 'ben', 'cy', 'dee'])
    const [ann, ben] = [await runOf(waitFlow, 'ann'), await runOf(waitFlow, 'ben')]

    const cancelled = await kairos.api('POST', '/api/runs/cancel', { ids: [ann.id, ben.id] })
    expect(cancelled).toEqual({ status: 200, body: { cancelled: 2 } })
    await kairos.advance('2h')

    for (const contact of ['ann', 'ben']) {
      const run = await runOf(waitFlow, contact)
      expect(run).toMatchObject({ status: 'cancelled', nodeId: 'hold', wakeAt: null, exitReason: expect.stringMatching(/^cancelled by key tests/) })
      const trace = (await kairos.api('GET', `/api/runs/${run.id}`)).body.steps
      expect(trace.map((s: any) => `${s.node}:${s.outcome}`)).toEqual(['entry:port', 'hold:exit'])
      expect(trace[1].result).toMatchObject({ cancelled: true, by: expect.stringMatching(/^key tests/), from: 'waiting' })
      expect(await deliveriesOf(contact)).toEqual([])
    }
    for (const contact of ['cy', 'dee']) {
      expect((await runOf(waitFlow, contact)).status).toBe('completed')
      expect(await deliveriesOf(contact)).toHaveLength(1)
    }
    // Cancelling again touches nothing: a cancelled run is no longer cancellable.
    expect((await kairos.api('POST', '/api/runs/cancel', { ids: [ann.id] })).body).toEqual({ cancelled: 0 })
    const [entry] = await auditOf('runs.cancel')
    expect(entry).toMatchObject({ target: { type: 'runs', id: null } })
    const entries = await auditOf('runs.cancel')
    expect(entries.map((e) => e.diff)).toContainEqual({ selector: { ids: [ann.id, ben.id] }, cancelled: 2 })
  })

  it('cancels by flow and node, leaving other flows and nodes alone, and keeps live counters right', async () => {
    await enter('signed_up', ['eli', 'fay'])
    await enter('ordered', ['gus'])
    await kairos.api('PUT', '/api/contacts/gus', { attributes: { broken: false } })
    expect((await runOf(flakyFlow, 'gus')).status).toBe('waiting')
    const other = await kairos.api('POST', '/api/runs/cancel', { flowId: waitFlow, node: 'hello' })
    expect(other.body).toEqual({ cancelled: 0 })

    // The live deltas the cancellation sends, added to the counters before, give the counters after.
    const stats = async () => {
      const { nodes, edges } = (await kairos.api('GET', `/api/flows/${waitFlow}/stats`)).body
      return { nodes, edges } as FlowCounters
    }
    const counters = await stats()
    expect(counters.nodes.hold).toMatchObject({ waiting: 2 })
    const listener = new pg.Client({ connectionString: kairos.url })
    await listener.connect()
    const deltas: Array<Partial<FlowCounters> & { flowId: string }> = []
    listener.on('notification', (message) => deltas.push(JSON.parse(message.payload!)))
    await listener.query(`listen ${LIVE_CHANNEL}`)

    const cancelled = await kairos.api('POST', '/api/runs/cancel', { flowId: waitFlow, node: 'hold', status: 'waiting' })
    expect(cancelled.body).toEqual({ cancelled: 2 })
    expect((await runOf(waitFlow, 'eli')).status).toBe('cancelled')
    expect((await runOf(flakyFlow, 'gus')).status).toBe('waiting')
    await new Promise((resolve) => setTimeout(resolve, 100))
    await listener.end()
    for (const delta of deltas.filter((d) => d.flowId === waitFlow)) addCounters(counters, delta)
    expect(counters).toEqual(await stats())
    expect(counters.nodes.hold).toMatchObject({ waiting: 0 })
    const entries = await auditOf('runs.cancel')
    expect(entries.find((e) => e.diff.selector.node === 'hold')).toMatchObject({
      target: { type: 'flow', id: waitFlow }, diff: { selector: { flowId: waitFlow, node: 'hold', status: 'waiting' }, cancelled: 2 },
    })
  })

  it('lists stuck runs with the reason: overdue past the threshold, failed with the error', async () => {
    await kairos.api('PUT', '/api/contacts/hal', { attributes: { broken: true, phone: '+4915100000002' } })
    await enter('ordered', ['hal'])
    await enter('signed_up', ['ivy', 'jon'])
    const ivy = await runOf(waitFlow, 'ivy')
    // ivy's worker was down: her wake time passed 20 minutes ago and nothing moved her.
    await kairos.core.database.pool.query(`update runs set wake_at = $1 where id = $2`, [new Date(kairos.now().getTime() - 20 * 60_000), ivy.id])

    const listed = await kairos.api('GET', `/api/flows/${waitFlow}/stuck-runs`)
    expect(listed.status).toBe(200)
    expect(listed.body).toMatchObject({ olderThan: '5m', counts: { overdue: 1, stalled: 0, failed: 0 } })
    expect(listed.body.runs).toEqual([expect.objectContaining({ id: ivy.id, contact: 'ivy', reason: 'overdue', nodeId: 'hold', lateSeconds: 1200 })])
    expect((await kairos.api('GET', `/api/flows/${waitFlow}/stuck-runs?olderThan=30m`)).body.runs).toEqual([])

    const failed = (await kairos.api('GET', `/api/flows/${flakyFlow}/stuck-runs`)).body
    expect(failed.counts).toEqual({ overdue: 0, stalled: 0, failed: 1 })
    expect(failed.runs).toEqual([expect.objectContaining({ contact: 'hal', reason: 'failed', nodeId: 'code', error: 'CRM lookup failed: 503' })])
    expect((await viewer.api('GET', `/api/flows/${flakyFlow}/stuck-runs`)).status).toBe(200)

    // "All matching" of the stuck list cancels only the stuck one.
    const cancelled = await kairos.api('POST', '/api/runs/cancel', { flowId: waitFlow, stuckFor: '5m' })
    expect(cancelled.body).toEqual({ cancelled: 1 })
    expect((await runOf(waitFlow, 'ivy')).status).toBe('cancelled')
    expect((await runOf(waitFlow, 'jon')).status).toBe('waiting')
  })

  it('retries a failed run from the step that failed, without sending its message twice, and it completes', async () => {
    const hal = await runOf(flakyFlow, 'hal')
    expect(hal).toMatchObject({ status: 'failed', nodeId: 'code', error: 'CRM lookup failed: 503' })
    expect(await deliveriesOf('hal')).toHaveLength(1)
    await kairos.api('POST', '/api/events', { contact: 'kim', name: 'ordered' })
    await kairos.drain()

    await kairos.api('PUT', '/api/contacts/hal', { attributes: { broken: false } })
    const retried = await kairos.api('POST', '/api/runs/retry', { flowId: flakyFlow })
    expect(retried).toEqual({ status: 200, body: { retried: 1 } })
    await kairos.drain()
    expect(await runOf(flakyFlow, 'hal')).toMatchObject({ status: 'waiting', nodeId: 'later', error: null })
    expect((await runOf(flakyFlow, 'kim')).status).toBe('waiting')
    await kairos.advance('1d')

    const done = await runOf(flakyFlow, 'hal')
    expect(done).toMatchObject({ status: 'completed', finishedAt: expect.any(String) })
    const trace = (await kairos.api('GET', `/api/runs/${done.id}`)).body.steps
    expect(trace.map((s: any) => `${s.node}:${s.outcome}`)).toEqual(['entry:port', 'code:error', 'code:port', 'later:port', 'done:port'])
    expect(await deliveriesOf('hal')).toHaveLength(1)
    expect((await kairos.api('GET', '/api/contacts/hal')).body.tags).toContain('coded')
    expect((await auditOf('runs.retry'))[0]).toMatchObject({
      target: { type: 'flow', id: flakyFlow }, diff: { selector: { flowId: flakyFlow }, retried: 1 },
    })
    // Nothing failed is left to retry.
    expect((await kairos.api('POST', '/api/runs/retry', { flowId: flakyFlow })).body).toEqual({ retried: 0 })
  })

  it('refuses selectors that name nothing, or narrow without a flow, naming the field', async () => {
    const empty = await kairos.api('POST', '/api/runs/cancel', {})
    expect(empty.status).toBe(400)
    expect(empty.body.error).toMatchObject({ code: 'KAIROS_VALIDATION', details: [{ field: 'body.flowId' }] })
    const node = await kairos.api('POST', '/api/runs/cancel', { ids: ['1'], node: 'hold' })
    expect(node.body.error.details).toEqual([expect.objectContaining({ field: 'body.node' })])
    const status = await kairos.api('POST', '/api/runs/retry', { flowId: flakyFlow, status: 'waiting' })
    expect(status.body.error.details).toEqual([expect.objectContaining({ field: 'body.status' })])
    const ids = await kairos.api('POST', '/api/runs/cancel', { ids: [] })
    expect(ids.status).toBe(400)
    expect(ids.body.error.details[0].field).toMatch(/^body\.ids/)
    const tooMany = await kairos.api('POST', '/api/runs/cancel', { ids: Array.from({ length: 1001 }, (_, i) => String(i + 1)) })
    expect(tooMany.body.error.details[0].field).toMatch(/^body\.ids/)
    const olderThan = await kairos.api('GET', `/api/flows/${waitFlow}/stuck-runs?olderThan=soon`)
    expect(olderThan.body.error.details[0].field).toBe('querystring.olderThan')
    expect((await kairos.api('GET', '/api/flows/00000000-0000-4000-8000-000000000000/stuck-runs')).status).toBe(404)
  })

  it('lets a viewer list but not cancel or retry', async () => {
    await enter('signed_up', ['lou'])
    const lou = await runOf(waitFlow, 'lou')
    expect((await viewer.api('POST', '/api/runs/cancel', { ids: [lou.id] })).status).toBe(403)
    expect((await viewer.api('POST', '/api/runs/retry', { flowId: flakyFlow })).status).toBe(403)
    expect((await runOf(waitFlow, 'lou')).status).toBe('waiting')
  })
})
