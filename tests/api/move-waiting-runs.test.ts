import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Publishing v2 of a journey while contacts wait on v1, moving them by a node mapping
// (docs/versions.md): the dry run's sentences and counts, the move in the publish's transaction,
// the new version's path when the wait ends (the old job doing nothing), a run that left its wait
// after the dry run left alone, the audit entry, and bad mappings refused naming the step.
const tag = (id: string, add: string) => ({ id, type: 'tag', config: { add: [add] } })
const v1 = {
  nodes: [
    { id: 'signup', type: 'trigger.event', config: { event: 'signed_up' } },
    { id: 'wait_3d', type: 'wait', config: { for: '3d' } },
    tag('welcome_old', 'old-path'),
    { id: 'trial', type: 'trigger.event', config: { event: 'trial_started' } },
    { id: 'hold_b', type: 'wait', config: { for: '5d' } },
    tag('trial_old', 'trial-old'),
    { id: 'cart', type: 'trigger.event', config: { event: 'cart_added' } },
    { id: 'paid', type: 'wait.event', config: { event: 'order_placed', timeout: '2d' } },
    tag('paid_old', 'paid-old'),
    tag('lost_old', 'lost-old'),
  ],
  edges: [
    { source: 'signup', target: 'wait_3d' },
    { source: 'wait_3d', target: 'welcome_old' },
    { source: 'trial', target: 'hold_b' },
    { source: 'hold_b', target: 'trial_old' },
    { source: 'cart', target: 'paid' },
    { source: 'paid', sourcePort: 'received', target: 'paid_old' },
    { source: 'paid', sourcePort: 'timeout', target: 'lost_old' },
  ],
}
// v2: wait_3d is gone (wait_2d instead), hold_b is gone, paid stays under its id with new paths.
const v2 = {
  nodes: [
    { id: 'signup', type: 'trigger.event', config: { event: 'signed_up' } },
    { id: 'wait_2d', type: 'wait', config: { for: '2d' } },
    tag('welcome_new', 'new-path'),
    { id: 'trial', type: 'trigger.event', config: { event: 'trial_started' } },
    tag('trial_new', 'trial-new'),
    { id: 'cart', type: 'trigger.event', config: { event: 'cart_added' } },
    { id: 'paid', type: 'wait.event', config: { event: 'order_placed', timeout: '2d' } },
    tag('paid_new', 'paid-new'),
    tag('lost_new', 'lost-new'),
  ],
  edges: [
    { source: 'signup', target: 'wait_2d' },
    { source: 'wait_2d', target: 'welcome_new' },
    { source: 'trial', target: 'trial_new' },
    { source: 'cart', target: 'paid' },
    { source: 'paid', sourcePort: 'received', target: 'paid_new' },
    { source: 'paid', sourcePort: 'timeout', target: 'lost_new' },
  ],
}

let kairos: TestKairos
let flowId: string

const runOf = async (contact: string) => {
  const { runs } = (await kairos.api('GET', `/api/runs?flow=${flowId}&contact=${contact}`)).body
  return (await kairos.api('GET', `/api/runs/${runs[0].id}`)).body
}
const trace = async (contact: string) => (await runOf(contact)).steps.map((s: any) => `${s.node}:${s.port ?? s.outcome}`)
const tagsOf = async (contact: string) => (await kairos.api('GET', `/api/contacts/${contact}`)).body.tags
const dryRun = (mapping: unknown) => kairos.api('POST', `/api/flows/${flowId}/publish/dry-run`, { migrate: { mapping } })

beforeAll(async () => {
  kairos = await startTestKairos()
  flowId = await publishFlow(kairos, 'Onboarding', v1)
  for (const c of ['ana', 'ben', 'cai']) await kairos.api('POST', '/api/events', { contact: c, name: 'signed_up' })
  for (const c of ['dan', 'eve']) await kairos.api('POST', '/api/events', { contact: c, name: 'trial_started' })
  for (const c of ['fay', 'gus']) await kairos.api('POST', '/api/events', { contact: c, name: 'cart_added' })
  await kairos.drain()
  expect((await kairos.api('PUT', `/api/flows/${flowId}`, { graph: v2 })).status).toBe(200)
})
afterAll(() => kairos?.stop())

describe('moving waiting contacts to a new version', () => {
  it('refuses bad mappings with a 400 naming each step, and changes nothing', async () => {
    const bad = await dryRun({ wait_3d: 'wait_9d', paid: 'wait_2d', ghost: 'wait_2d' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('KAIROS_VALIDATION')
    const byField = Object.fromEntries(bad.body.error.details.map((d: any) => [d.field, d.message]))
    expect(Object.keys(byField).sort()).toEqual(['body.migrate.mapping.ghost', 'body.migrate.mapping.paid', 'body.migrate.mapping.wait_3d'])
    expect(byField['body.migrate.mapping.wait_3d']).toBe('the new version has no step "wait_9d"')
    expect(byField['body.migrate.mapping.paid']).toBe('contacts waiting at "paid" (a wait.event) can move only to a step of the same type; "wait_2d" is a wait')
    expect(byField['body.migrate.mapping.ghost']).toBe('v1 has no step "ghost"')
    expect(bad.body.error.details.find((d: any) => d.field === 'body.migrate.mapping.paid').node).toBe('paid')
    expect((await kairos.api('GET', `/api/flows/${flowId}`)).body.publishedVersion).toBe(1)
    // A publish naming a plan that no dry run answered publishes nothing.
    const unknown = await kairos.api('POST', `/api/flows/${flowId}/publish`, { migrate: { plan: '00000000-0000-4000-8000-000000000000' } })
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'KAIROS_NOT_FOUND'])
    expect((await kairos.api('GET', `/api/flows/${flowId}/versions`)).body.versions).toHaveLength(1)
  })

  it('answers per step what would happen, and the publish moves exactly that, less the runs that left their wait since', async () => {
    const plan = await dryRun({ wait_3d: 'wait_2d' })
    expect(plan.status).toBe(200)
    expect(plan.body).toMatchObject({ fromVersion: 1, toVersion: 2, moving: 5, staying: 2 })
    expect(plan.body.sentences).toEqual([
      '3 contacts waiting at wait_3d move to wait_2d, keeping the wait they started (its wake time and what it waits for)',
      '2 at removed step hold_b finish on v1',
      '2 contacts waiting at paid move to paid',
    ])
    expect(plan.body.nodes.map((n: any) => [n.node, n.waiting, n.to, n.reason])).toEqual([
      ['wait_3d', 3, 'wait_2d', 'mapped'],
      ['hold_b', 2, null, 'removed'],
      ['paid', 2, 'paid', 'same'],
    ])
    // The dry run moved nobody.
    expect((await runOf('ana')).flowVersion).toBe(1)

    // Between the dry run and the publish, fay's order arrives: her run leaves its wait on v1.
    await kairos.advance('1h')
    expect((await kairos.api('POST', '/api/events', { contact: 'fay', name: 'order_placed' })).body.runsResumed).toBe(1)
    await kairos.drain()

    // The counters pushed to the editor move with the runs, and agree with the ones loaded from the tables.
    const socket = await kairos.app.injectWS('/api/live', { headers: kairos.authHeaders }, { onInit: (ws) => void ws.on('ping', (data: Buffer) => ws.pong(data)) })
    const received: any[] = []
    socket.on('message', (raw) => received.push(JSON.parse(String(raw))))
    socket.send(JSON.stringify({ type: 'subscribe', flowId }))
    await expect.poll(() => received.some((m) => m.type === 'stats')).toBe(true)

    const published = await kairos.api('POST', `/api/flows/${flowId}/publish`, { migrate: { plan: plan.body.plan } })
    expect(published.status).toBe(200)
    await expect.poll(() => received.findLast((m) => m.type === 'stats')?.nodes.wait_2d?.waiting, { timeout: 10_000 }).toBe(3)
    expect(received.findLast((m) => m.type === 'stats').nodes).toEqual((await kairos.api('GET', `/api/flows/${flowId}/stats`)).body.nodes)
    socket.close()
    expect(published.body.version).toBe(2)
    expect(published.body.moved).toMatchObject({ plan: plan.body.plan, fromVersion: 1, toVersion: 2, moved: 4, changed: 1, mapping: { wait_3d: 'wait_2d' } })
    expect(published.body.moved.nodes).toEqual(
      expect.arrayContaining([{ node: 'wait_3d', to: 'wait_2d', moved: 3, changed: 0 }, { node: 'paid', to: 'paid', moved: 1, changed: 1 }]),
    )
    // The dry run's counts are what moved plus what changed since.
    expect(published.body.moved.moved + published.body.moved.changed).toBe(plan.body.moving)

    for (const c of ['ana', 'ben', 'cai']) expect(await runOf(c)).toMatchObject({ flowVersion: 2, nodeId: 'wait_2d', status: 'waiting' })
    expect(await runOf('gus')).toMatchObject({ flowVersion: 2, nodeId: 'paid', status: 'waiting', waitingFor: 'order_placed' })
    for (const c of ['dan', 'eve']) expect(await runOf(c)).toMatchObject({ flowVersion: 1, nodeId: 'hold_b', status: 'waiting' })
    expect(await runOf('fay')).toMatchObject({ flowVersion: 1, status: 'completed' })
    expect(await tagsOf('fay')).toEqual(['paid-old'])

    // The plan is spent: publishing again with it is a conflict.
    const again = await kairos.api('POST', `/api/flows/${flowId}/publish`, { migrate: { plan: plan.body.plan } })
    expect([again.status, again.body.error.code]).toEqual([409, 'KAIROS_CONFLICT'])
  })

  it('keeps the counters right: a migrated step where a run left, waiting where it stands now', async () => {
    const { nodes } = (await kairos.api('GET', `/api/flows/${flowId}/stats`)).body
    expect(nodes.wait_3d).toMatchObject({ entered: 3, completed: 3, waiting: 0 })
    expect(nodes.wait_2d).toMatchObject({ entered: 3, waiting: 3, completed: 0 })
    // gus stayed on the same step id: counted once, still waiting there; fay went on through received.
    expect(nodes.paid).toMatchObject({ entered: 2, waiting: 1, completed: 1 })
    expect(nodes.hold_b).toMatchObject({ entered: 2, waiting: 2 })
    expect(await trace('ana')).toEqual(['signup:next', 'wait_3d:migrated'])
    expect((await runOf('ana')).steps[1]).toMatchObject({ outcome: 'migrated', nodeType: 'wait', result: { fromVersion: 1, toVersion: 2, to: 'wait_2d' } })
  })

  it('continues on the new version when the wait ends, keeping its wake time; the old job does nothing', async () => {
    // Entered 1h before the publish: the 3-day wake time is kept, so nothing happens at 2 days.
    await kairos.advance('2d')
    expect((await runOf('ana')).status).toBe('waiting')
    // gus's event wait timed out at 2 days, on v2's timeout path.
    expect(await tagsOf('gus')).toEqual(['lost-new'])
    expect(await trace('gus')).toEqual(['cart:next', 'paid:timeout', 'lost_new:next'])
    await kairos.advance('1d')
    for (const c of ['ana', 'ben', 'cai']) {
      expect(await runOf(c)).toMatchObject({ status: 'completed', flowVersion: 2 })
      expect(await trace(c)).toEqual(['signup:next', 'wait_3d:migrated', 'wait_2d:next', 'welcome_new:next'])
      expect(await tagsOf(c)).toEqual(['new-path'])
    }
    // The unmapped removed step finishes on v1.
    await kairos.advance('2d')
    for (const c of ['dan', 'eve']) {
      expect(await runOf(c)).toMatchObject({ status: 'completed', flowVersion: 1 })
      expect(await tagsOf(c)).toEqual(['trial-old'])
    }
  })

  it('records the move in the audit log with the mapping and the counts', async () => {
    const { entries } = (await kairos.api('GET', `/api/audit?target=flow:${flowId}`)).body
    const move = entries.find((e: any) => e.action === 'flow.move-waiting')
    expect(move.diff).toMatchObject({ fromVersion: 1, toVersion: 2, mapping: { wait_3d: 'wait_2d' }, moved: 4, changed: 1 })
    expect(entries.some((e: any) => e.action === 'flow.publish' && e.diff.version === 2)).toBe(true)
  })

  it('refuses a plan whose draft or live version changed since the dry run, and a type change under the same id unmapped', async () => {
    await kairos.api('POST', '/api/events', { contact: 'hal', name: 'signed_up' })
    await kairos.drain()
    const plan = await dryRun({})
    expect(plan.body).toMatchObject({ fromVersion: 2, toVersion: 3, moving: 1, staying: 0 })
    expect(plan.body.sentences).toEqual(['1 contact waiting at wait_2d move to wait_2d'])
    expect((await kairos.api('PUT', `/api/flows/${flowId}`, { graph: v2 })).status).toBe(200)
    const stale = await kairos.api('POST', `/api/flows/${flowId}/publish`, { migrate: { plan: plan.body.plan } })
    expect([stale.status, stale.body.error.message]).toEqual([409, 'the draft changed since the dry run: run the dry run again'])
    expect((await runOf('hal')).flowVersion).toBe(2)
    // A type change under the same id, with contacts there, must be mapped.
    const swapped = { ...v2, nodes: v2.nodes.map((n) => (n.id === 'wait_2d' ? { id: 'wait_2d', type: 'wait.event', config: { event: 'x', timeout: '1d' } } : n)) }
    swapped.edges = swapped.edges.map((e) => (e.source === 'wait_2d' ? { ...e, sourcePort: 'timeout' } : e))
    await kairos.api('PUT', `/api/flows/${flowId}`, { graph: swapped })
    const changedType = await dryRun({})
    expect(changedType.status).toBe(400)
    expect(changedType.body.error.details[0]).toMatchObject({ node: 'wait_2d', field: 'body.migrate.mapping.wait_2d' })
    const planned = await dryRun({ wait_2d: null })
    expect(planned.body.sentences).toEqual(['1 contact waiting at wait_2d finish on v2'])
    // Someone publishes in between: the plan was for a move from v2, v3 is live now.
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`)).body.version).toBe(3)
    const late = await kairos.api('POST', `/api/flows/${flowId}/publish`, { migrate: { plan: planned.body.plan } })
    expect([late.status, late.body.error.message]).toEqual([409, 'the live version is v3, the dry run planned a move from v2: run the dry run again'])
    expect((await kairos.api('GET', `/api/flows/${flowId}/versions`)).body.versions).toHaveLength(3)
    expect((await runOf('hal')).flowVersion).toBe(2)
  })
})

describe('moving the runs a paused journey holds', () => {
  it('moves a held run, which stays held until the journey resumes and then goes on on the new version', async () => {
    const graph = (add: string) => ({
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'joined' } }, { id: 'w', type: 'wait', config: { for: '1h' } }, tag('t', add)],
      edges: [{ source: 'in', target: 'w' }, { source: 'w', target: 't' }],
    })
    const paused = await publishFlow(kairos, 'Paused welcome', graph('p-old'))
    await kairos.api('POST', '/api/events', { contact: 'pia', name: 'joined' })
    await kairos.drain()
    await kairos.api('POST', `/api/flows/${paused}/pause`)
    await kairos.advance('2h')
    const [held] = (await kairos.api('GET', `/api/runs?flow=${paused}&contact=pia`)).body.runs
    expect(held).toMatchObject({ status: 'waiting', nodeId: 'w', flowVersion: 1 })
    await kairos.api('PUT', `/api/flows/${paused}`, { graph: graph('p-new') })
    const plan = (await kairos.api('POST', `/api/flows/${paused}/publish/dry-run`, { migrate: {} })).body
    expect(plan.sentences).toEqual(['1 contact waiting at w move to w'])
    const published = await kairos.api('POST', `/api/flows/${paused}/publish`, { migrate: { plan: plan.plan } })
    expect([published.body.flow.status, published.body.moved.moved]).toEqual(['paused', 1])
    await kairos.drain()
    expect((await kairos.api('GET', `/api/runs/${held.id}`)).body).toMatchObject({ status: 'waiting', flowVersion: 2 })
    await kairos.api('POST', `/api/flows/${paused}/resume`)
    await kairos.drain()
    const done = (await kairos.api('GET', `/api/runs/${held.id}`)).body
    expect(done).toMatchObject({ status: 'completed', flowVersion: 2 })
    // The same step id: no migrated step on the trace.
    expect(done.steps.map((s: any) => `${s.node}:${s.port ?? s.outcome}`)).toEqual(['in:next', 'w:next', 't:next'])
    expect(await tagsOf('pia')).toEqual(['p-new'])
  })
})
