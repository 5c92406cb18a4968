import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { checkAutoWinners } from '../../packages/server/src/experiments/auto-winner-job.ts'
import { decideWinner, type AutoWinnerSplit } from '../../packages/server/src/experiments/decide-winner.ts'

/** The journey: a split that picks its winner by goal conversion; arm a waits a month, arm b tags at once. */
const graph = (settings: Record<string, unknown>) => ({
  nodes: [
    { id: 'in', type: 'trigger.event', config: { event: 'visited' } },
    {
      id: 'ab', type: 'split', version: 2,
      config: { arms: [{ port: 'a', weight: 50 }, { port: 'b', weight: 50 }], autoWinner: { after: { minPerArm: 20, duration: '1d' }, confidence: 0.95 } },
    },
    { id: 'waitA', type: 'wait', config: { for: '30d' } },
    { id: 'tagA', type: 'tag', config: { add: ['saw-a'] } },
    { id: 'tagB', type: 'tag', config: { add: ['saw-b'] } },
  ],
  edges: [
    { source: 'in', target: 'ab' }, { source: 'ab', sourcePort: 'a', target: 'waitA' },
    { source: 'waitA', target: 'tagA' }, { source: 'ab', sourcePort: 'b', target: 'tagB' },
  ],
  settings,
})

describe('deciding a winner from the counts', () => {
  const split = (arms: string[], confidence = 0.95): AutoWinnerSplit => ({ nodeId: 'ab', arms, minPerArm: 100, durationMs: null, confidence })
  const arm = (name: string, contacts: number, converted: number) => ({ arm: name, contacts, converted })

  it('picks a challenger that beats the first arm at the confidence, sharing it among the comparisons (Bonferroni)', () => {
    // 12% against 8% of 500: p = 0.035.
    expect(decideWinner(split(['a', 'b']), [arm('a', 500, 40), arm('b', 500, 60)], 0)).toMatchObject({ decided: true, arm: 'b' })
    // With a third arm each comparison needs p < 0.025: not yet.
    expect(decideWinner(split(['a', 'b', 'c']), [arm('a', 500, 40), arm('b', 500, 60), arm('c', 500, 45)], 0)).toMatchObject({ decided: false })
    // At 0.99 two arms need p < 0.01.
    expect(decideWinner(split(['a', 'b'], 0.99), [arm('a', 500, 40), arm('b', 500, 60)], 0)).toMatchObject({ decided: false })
  })

  it('lets the first arm win only when every other arm is significantly worse', () => {
    expect(decideWinner(split(['a', 'b', 'c']), [arm('a', 500, 80), arm('b', 500, 40), arm('c', 500, 35)], 0)).toMatchObject({ decided: true, arm: 'a' })
    expect(decideWinner(split(['a', 'b', 'c']), [arm('a', 500, 80), arm('b', 500, 40), arm('c', 500, 78)], 0)).toMatchObject({ decided: false })
  })

  it('waits for every arm to reach minPerArm, an arm nobody entered included, and for the duration', () => {
    expect(decideWinner(split(['a', 'b']), [arm('a', 500, 0)], 0)).toMatchObject({ decided: false, reason: 'waiting for 100 contacts per arm (b: 0)' })
    const timed = { ...split(['a', 'b']), durationMs: 86_400_000 }
    expect(decideWinner(timed, [arm('a', 500, 10), arm('b', 500, 90)], 86_399_999)).toMatchObject({ decided: false, reason: 'waiting for the duration to pass' })
    expect(decideWinner(timed, [arm('a', 500, 10), arm('b', 500, 90)], 86_400_000)).toMatchObject({ decided: true, arm: 'b' })
  })
})

// An A/B split with autoWinner, on a real Postgres and the real worker, with time moved by the test.
describe('split auto-winner', () => {
  let kairos: TestKairos
  let flowId: string
  const deps = () => ({ db: kairos.core.execution.db, clock: kairos.core.execution.clock })
  const query = async <T = any>(text: string, values: unknown[] = []): Promise<T[]> => (await kairos.core.database.pool.query(text, values)).rows
  /** Each contact's arm (external id → arm) on the flow's runs. */
  const arms = async (): Promise<Map<string, string>> =>
    new Map((await query<{ external_id: string; arm: string }>(`select c.external_id, r.vars ->> 'split.ab' as arm from runs r join contacts c on c.id = r.contact_id where r.flow_id = $1`, [flowId]))
      .map((r) => [r.external_id, r.arm]))
  const enter = async (ids: string[]) => {
    const { status } = await kairos.api('POST', '/api/events', { events: ids.map((contact) => ({ contact, name: 'visited' })) })
    expect(status).toBeLessThan(300)
    await kairos.drain()
  }
  const convert = async (ids: string[]) => {
    if (ids.length === 0) return
    await kairos.api('POST', '/api/events', { events: ids.map((contact) => ({ contact, name: 'order_placed' })) })
    await kairos.drain()
  }
  const decisionAudits = async () => (await kairos.api('GET', `/api/audit?target=flow:${flowId}`)).body.entries.filter((e: any) => e.action === 'flow.split_winner')

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: '2027-06-07T08:00:00Z' })
  })
  afterAll(() => kairos?.stop())

  it('is refused at publish without a journey goal, naming the split and the field in words', async () => {
    const created = await kairos.api('POST', '/api/flows', { name: 'No goal', graph: graph({}) })
    const { status, body } = await kairos.api('POST', `/api/flows/${created.body.id}/publish`)
    expect(status).toBe(400)
    expect(body.error.code).toBe('KAIROS_FLOW_INVALID')
    const problem = body.error.details.find((d: any) => d.field === 'config.autoWinner')
    expect(problem).toMatchObject({ node: 'ab' })
    expect(problem.message).toContain('this journey has no goal')
    expect(problem.message).toContain('settings.goal')
  })

  it('decides only after minPerArm, the duration and a significant difference, once, and sends new entrants to the winner', async () => {
    const created = await kairos.api('POST', '/api/flows', { name: 'Auto winner', graph: graph({ goal: { event: 'order_placed', within: '7d' } }) })
    flowId = created.body.id
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`)).status).toBe(200)
    // Publishing queued the version's first check, an hour later.
    const jobs = await query(`select key, run_at from graphile_worker.jobs where key = $1`, [`kairos:auto-winner:${flowId}:1`])
    expect(jobs).toHaveLength(1)

    // Ten contacts: every b converts, but no arm has 20 contacts yet.
    const first = Array.from({ length: 10 }, (_, i) => `v-${i}`)
    await enter(first)
    let byArm = await arms()
    await convert(first.filter((id) => byArm.get(id) === 'b'))
    let check = await checkAutoWinners(deps(), flowId, 1)
    expect(check.decided).toEqual([])
    expect(check.waiting[0].reason).toContain('waiting for 20 contacts per arm')

    // 90 contacts in all; five of each arm convert: enough contacts, no difference, and the day has not passed.
    const rest = Array.from({ length: 80 }, (_, i) => `v-${i + 10}`)
    await enter(rest)
    byArm = await arms()
    const inArm = (arm: string) => [...byArm].filter(([, a]) => a === arm).map(([id]) => id)
    expect(inArm('a').length).toBeGreaterThanOrEqual(20)
    expect(inArm('b').length).toBeGreaterThanOrEqual(20)
    // b's conversions so far are from the first ten; top both arms up to five each.
    const convertedB = first.filter((id) => byArm.get(id) === 'b')
    await convert([...inArm('a').slice(0, 5), ...inArm('b').filter((id) => !convertedB.includes(id)).slice(0, Math.max(0, 5 - convertedB.length))])
    check = await checkAutoWinners(deps(), flowId, 1)
    expect(check.waiting).toEqual([{ nodeId: 'ab', reason: 'waiting for the duration to pass' }])

    // A day later the worker's hourly job looks: the arms convert alike, so nothing is decided and the check is queued again.
    await kairos.advance('25h')
    expect(await query(`select 1 from split_decisions where flow_id = $1`, [flowId])).toEqual([])
    expect(await decisionAudits()).toEqual([])
    const again = await query<{ run_at: Date }>(`select run_at from graphile_worker.jobs where key = $1`, [`kairos:auto-winner:${flowId}:1`])
    expect(again).toHaveLength(1)
    expect(again[0].run_at.getTime()).toBeGreaterThan(kairos.now().getTime())
    check = await checkAutoWinners(deps(), flowId, 1)
    expect(check.waiting[0].reason).toContain('not significantly better')

    // Now every b converts: b beats a well past 95%. Two checks at once (two workers) decide once.
    const bAll = inArm('b')
    await convert(bAll)
    const decidedAt = kairos.now()
    const checks = await Promise.all([checkAutoWinners(deps(), flowId, 1), checkAutoWinners(deps(), flowId, 1)])
    expect(checks.flatMap((c) => c.decided)).toEqual([{ nodeId: 'ab', arm: 'b', pValue: expect.any(Number) }])
    const pValue = checks.flatMap((c) => c.decided)[0].pValue
    expect(pValue).toBeLessThan(0.05)
    expect(checks.every((c) => !c.again)).toBe(true)

    // The worker's job runs again: nothing more is decided or audited, and no further check is queued.
    await kairos.advance('1h')
    expect((await checkAutoWinners(deps(), flowId, 1)).decided).toEqual([])
    const rows = await query(`select arm, confidence, p_value from split_decisions where flow_id = $1`, [flowId])
    expect(rows).toEqual([{ arm: 'b', confidence: 0.95, p_value: pValue }])
    expect(await query(`select 1 from graphile_worker.jobs where key = $1`, [`kairos:auto-winner:${flowId}:1`])).toEqual([])

    // Audited once, by the system, with the numbers behind it.
    const audits = await decisionAudits()
    expect(audits).toHaveLength(1)
    expect(audits[0]).toMatchObject({ actor: { type: 'system', id: null }, target: { type: 'flow', id: flowId } })
    expect(audits[0].diff).toMatchObject({ version: 1, node: 'ab', arm: 'b', confidence: 0.95, pValue, at: decidedAt.toISOString() })
    expect(audits[0].diff.arms).toEqual(expect.arrayContaining([{ arm: 'b', contacts: bAll.length, converted: bAll.length }]))

    // The report shows the decision beside the arms.
    const { body: report } = await kairos.api('GET', `/api/flows/${flowId}/report`)
    expect(report.decisions.ab).toEqual({ version: 1, arm: 'b', at: decidedAt.toISOString(), confidence: 0.95, pValue })

    // Contacts already past the split stay where they are: a's still wait on a's path, with a recorded.
    const waitingA = await query(`select c.external_id, r.node_id, r.status, r.vars ->> 'split.ab' as arm from runs r join contacts c on c.id = r.contact_id
      where r.flow_id = $1 and r.vars ->> 'split.ab' = 'a'`, [flowId])
    expect(waitingA.length).toBe(inArm('a').length)
    for (const run of waitingA) expect(run).toMatchObject({ node_id: 'waitA', status: 'waiting', arm: 'a' })

    // Every new entrant goes down b, including those the weights would have sent down a.
    const late = Array.from({ length: 40 }, (_, i) => `late-${i}`)
    await enter(late)
    byArm = await arms()
    expect(late.map((id) => byArm.get(id))).toEqual(late.map(() => 'b'))
    const steps = await query<{ output: any }>(`select s.output from steps s join runs r on r.id = s.run_id join contacts c on c.id = r.contact_id
      where r.flow_id = $1 and s.node_id = 'ab' and c.external_id like 'late-%'`, [flowId])
    expect(steps).toHaveLength(40)
    const drawnA = steps.filter((s) => s.output.drawn === 'a')
    expect(drawnA.length).toBeGreaterThan(5)
    for (const step of steps) expect(step.output).toMatchObject({ arm: 'b', winner: { arm: 'b', since: decidedAt.toISOString() } })
    // (The fake clock stands still: the window ends after now, so those who entered this instant count.)
    const window = `from=2027-06-01T00:00:00Z&to=2027-07-01T00:00:00Z`
    expect((await kairos.api('GET', `/api/flows/${flowId}/report?${window}`)).body.splits.ab.b.contacts).toBe(bAll.length + 40)

    // The simulator runs the live version with its decision: simulated entrants go down b too.
    // (A draft is a new version, a new test: it splits by weight.)
    const newcomers = Array.from({ length: 12 }, (_, i) => `sim-${i}`)
    const simulated = await kairos.api('POST', `/api/flows/${flowId}/simulate`, {
      version: 1,
      contacts: newcomers.map((externalId) => ({ externalId, attributes: {} })),
      events: newcomers.map((contact) => ({ at: '+1m', contact, name: 'visited' })),
      horizon: '1h',
    })
    expect(simulated.status).toBe(200)
    const simulatedPorts = simulated.body.contacts.map((c: any) => c.runs[0].steps.find((s: any) => s.node === 'ab').port)
    expect(simulatedPorts).toEqual(newcomers.map(() => 'b'))
  })

  it('stops checking a version once a newer one is live, and checks the new one on its own', async () => {
    const created = await kairos.api('POST', '/api/flows', { name: 'Replaced', graph: graph({ goal: { event: 'order_placed', within: '7d' } }) })
    const id = created.body.id
    expect((await kairos.api('POST', `/api/flows/${id}/publish`)).status).toBe(200)
    await kairos.api('PUT', `/api/flows/${id}`, { graph: graph({ goal: { event: 'order_placed', within: '3d' } }) })
    expect((await kairos.api('POST', `/api/flows/${id}/publish`)).body.version).toBe(2)
    expect(await checkAutoWinners(deps(), id, 1)).toEqual({ decided: [], waiting: [], again: false })
    const keys = (await query<{ key: string }>(`select key from graphile_worker.jobs where key like $1 order by key`, [`kairos:auto-winner:${id}:%`])).map((r) => r.key)
    // Version 1's pending check (queued at its publish) stays until due, then ends there; version 2 has its own.
    expect(keys).toContain(`kairos:auto-winner:${id}:2`)
    expect((await checkAutoWinners(deps(), id, 2)).again).toBe(true)
  })
})
