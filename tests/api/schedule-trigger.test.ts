import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fanOut } from '@kairos/server'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Clock starts Tuesday 2 March 2027, 01:00 UTC; Paris is on UTC+1 until 28 March.
const START = '2027-03-02T01:00:00Z'

const tagged = (tag: string) => ({ id: 'mark', type: 'tag', config: { add: [tag] } })

describe('trigger.schedule', () => {
  let kairos: TestKairos
  const db = () => kairos.core.database.db

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: START })
    for (const [id, tier] of [['p1', 'premium'], ['p2', 'premium'], ['p3', 'premium'], ['b1', 'basic'], ['b2', 'basic']])
      await kairos.api('PUT', `/api/contacts/${id}`, { attributes: { tier } })
  })
  afterAll(() => kairos?.stop())

  const schedule = (config: Record<string, unknown>, settings: Record<string, unknown> = { reentry: 'always', timezone: 'Europe/Paris' }) => ({
    nodes: [{ id: 'tick', type: 'trigger.schedule', config }, tagged('offer')],
    edges: [{ source: 'tick', target: 'mark' }],
    settings,
  })
  const premium = { attribute: 'tier', op: 'eq', value: 'premium' }
  const ticksOf = async (flowId: string) =>
    (await db().selectFrom('schedule_ticks').selectAll().where('flow_id', '=', flowId).orderBy('tick_at').execute()).map((t) => ({
      tickAt: t.tick_at.toISOString(), status: t.status, entered: t.entered, notEntered: t.not_entered, reason: t.reason,
    }))
  const runsOf = async (flowId: string) =>
    (await db().selectFrom('runs').innerJoin('contacts', 'contacts.id', 'runs.contact_id').select(['external_id', 'entered_at', 'status'])
      .where('flow_id', '=', flowId).orderBy('external_id').orderBy('entered_at').execute())
  const pendingTick = async (flowId: string) => {
    const { rows } = await sql<{ run_at: Date }>`select run_at from graphile_worker._private_jobs where key like ${`kairos:schedule:${flowId}:%`}`.execute(db())
    return rows.map((r) => r.run_at.toISOString())
  }

  it('enters the audience every day at 09:00 in the schedule timezone, each tick once', async () => {
    const flowId = await publishFlow(kairos, 'Morning offer', schedule({ at: '09:00', condition: premium }))
    // 09:00 in Paris is 08:00 UTC in March.
    expect(await pendingTick(flowId)).toEqual(['2027-03-02T08:00:00.000Z'])
    await kairos.advance('6h')
    expect(await runsOf(flowId)).toEqual([])
    await kairos.advance('1h') // 08:00 UTC
    const first = await runsOf(flowId)
    expect(first.map((r) => r.external_id)).toEqual(['p1', 'p2', 'p3'])
    expect(first.every((r) => r.status === 'completed' && r.entered_at.toISOString() === '2027-03-02T08:00:00.000Z')).toBe(true)
    expect(await pendingTick(flowId)).toEqual(['2027-03-03T08:00:00.000Z'])
    await kairos.advance('1d')
    expect((await runsOf(flowId)).length).toBe(6)
    expect(await ticksOf(flowId)).toEqual([
      { tickAt: '2027-03-02T08:00:00.000Z', status: 'done', entered: 3, notEntered: 0, reason: null },
      { tickAt: '2027-03-03T08:00:00.000Z', status: 'done', entered: 3, notEntered: 0, reason: null },
    ])
    const contact = (await kairos.api('GET', '/api/contacts/p1')).body
    expect(contact.tags).toContain('offer')
    const listed = await kairos.api('GET', `/api/flows/${flowId}/ticks?limit=1`)
    expect(listed.body).toEqual({
      next: [{ node: 'tick', at: '2027-03-04T08:00:00.000Z' }],
      ticks: [expect.objectContaining({ node: 'tick', flowVersion: 1, tickAt: '2027-03-03T08:00:00.000Z', status: 'done', entered: 3, notEntered: 0 })],
    })
    expect((await kairos.api('GET', `/api/flows/${flowId}/ticks?limit=0`)).status).toBe(400)
    expect((await kairos.api('GET', `/api/flows/${flowId}/ticks?node=tick&limit=5`)).body.ticks).toHaveLength(2)
    expect((await kairos.api('GET', `/api/flows/${flowId}/ticks?node=other`)).body).toEqual({ next: [], ticks: [] })
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('shows the tick to the run as its trigger event', async () => {
    const flowId = await publishFlow(kairos, 'Tick details', schedule({ cron: '30 * * * *', condition: { attribute: 'tier', op: 'eq', value: 'basic' } }))
    await kairos.advance('1h')
    const [run] = (await kairos.api('GET', `/api/runs?flow=${flowId}`)).body.runs
    expect(run.trigger).toMatchObject({ name: 'schedule.tick', properties: { node: 'tick' } })
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('enters every contact when the audience is everyone', async () => {
    const flowId = await publishFlow(kairos, 'Digest', schedule({ cron: '0 * * * *', everyone: true }))
    await kairos.advance('1h')
    expect((await runsOf(flowId)).map((r) => r.external_id)).toEqual(['b1', 'b2', 'p1', 'p2', 'p3'])
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('honours reentry once: a contact already entered is counted as not entered on later ticks', async () => {
    const flowId = await publishFlow(kairos, 'Once', schedule({ cron: '0 * * * *', condition: premium }, { reentry: 'once' }))
    await kairos.advance('1h')
    await kairos.advance('1h')
    const ticks = await ticksOf(flowId)
    expect(ticks.map((t) => [t.entered, t.notEntered])).toEqual([[3, 0], [0, 3]])
    expect((await runsOf(flowId)).length).toBe(3)
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('runs a tick missed while down once, late, with missed "run"', async () => {
    const flowId = await publishFlow(kairos, 'Late', schedule({ cron: '0 * * * *', condition: premium }))
    await kairos.advance('5h') // five ticks fell due while no one looked
    const ticks = await ticksOf(flowId)
    expect(ticks).toHaveLength(1)
    expect(ticks[0]).toMatchObject({ status: 'done', entered: 3 })
    // The schedule carries on from now, not from the missed ticks.
    const now = kairos.now().getTime()
    expect(new Date((await pendingTick(flowId))[0]).getTime()).toBe(Math.floor(now / 3_600_000) * 3_600_000 + 3_600_000)
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('skips a tick missed while down with missed "skip", saying why', async () => {
    const flowId = await publishFlow(kairos, 'Skip late', schedule({ cron: '0 * * * *', condition: premium, missed: 'skip' }))
    await kairos.advance('3h')
    expect(await ticksOf(flowId)).toEqual([expect.objectContaining({ status: 'skipped', entered: 0, reason: expect.stringMatching(/^missed: picked up \d+ min late/) })])
    expect(await runsOf(flowId)).toEqual([])
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('records ticks of a paused flow as skipped and enters no one until resumed', async () => {
    const flowId = await publishFlow(kairos, 'Paused schedule', schedule({ cron: '0 * * * *', condition: premium }))
    await kairos.api('POST', `/api/flows/${flowId}/pause`)
    await kairos.advance('1h')
    expect(await ticksOf(flowId)).toEqual([expect.objectContaining({ status: 'skipped', reason: 'the flow was paused' })])
    await kairos.api('POST', `/api/flows/${flowId}/resume`)
    await kairos.advance('1h')
    expect((await ticksOf(flowId)).map((t) => t.status)).toEqual(['skipped', 'done'])
    expect((await runsOf(flowId)).length).toBe(3)
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('enters a saved segment as it stands at the tick, and fails the tick when the segment is gone', async () => {
    const segment = (await kairos.api('POST', '/api/segments', { name: 'Basic tier', condition: { attribute: 'tier', op: 'eq', value: 'basic' } })).body
    const flowId = await publishFlow(kairos, 'Segment schedule', schedule({ cron: '0 * * * *', segment: segment.id }))
    await kairos.api('PUT', '/api/contacts/b3', { attributes: { tier: 'basic' } })
    await kairos.advance('1h')
    expect((await runsOf(flowId)).map((r) => r.external_id)).toEqual(['b1', 'b2', 'b3'])
    // A segment a live journey enters by cannot be deleted from under it.
    const refused = await kairos.api('DELETE', `/api/segments/${segment.id}`)
    expect(refused.status).toBe(409)
    expect(refused.body.error.message).toContain('"Segment schedule"')
    // Deleted behind Kairos' back (straight in the database), the next tick fails and says why.
    await db().deleteFrom('segments').where('id', '=', segment.id).execute()
    await kairos.advance('1h')
    expect((await ticksOf(flowId)).at(-1)).toMatchObject({ status: 'failed', reason: `segment ${segment.id} no longer exists` })
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('lets a segment go once no live journey uses it', async () => {
    const segment = (await kairos.api('POST', '/api/segments', { name: 'Short-lived', condition: premium })).body
    const flowId = await publishFlow(kairos, 'Short-lived schedule', schedule({ cron: '0 * * * *', segment: segment.id }))
    expect((await kairos.api('DELETE', `/api/segments/${segment.id}`)).status).toBe(409)
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
    expect((await kairos.api('DELETE', `/api/segments/${segment.id}`)).status).toBe(204)
  })

  it('stops scheduling when the flow is archived or the trigger leaves the live version', async () => {
    const flowId = await publishFlow(kairos, 'Removed trigger', schedule({ cron: '0 * * * *', condition: premium }))
    await kairos.api('PUT', `/api/flows/${flowId}`, {
      graph: { nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'x' } }, tagged('x')], edges: [{ source: 'in', target: 'mark' }] },
    })
    await kairos.api('POST', `/api/flows/${flowId}/publish`)
    await kairos.advance('2h')
    expect(await ticksOf(flowId)).toEqual([])
    expect(await pendingTick(flowId)).toEqual([])
  })

  it('refuses to publish a schedule with an unknown segment or a condition that needs a run, naming the field', async () => {
    const created = await kairos.api('POST', '/api/flows', {
      name: 'Bad audience',
      graph: schedule({ at: '09:00', segment: '00000000-0000-4000-8000-000000000000' }),
    })
    const refused = await kairos.api('POST', `/api/flows/${created.body.id}/publish`)
    expect(refused.status).toBe(400)
    expect(refused.body.error.details).toEqual([{ node: 'tick', field: 'config.segment', message: 'segment 00000000-0000-4000-8000-000000000000 does not exist' }])
    await kairos.api('PUT', `/api/flows/${created.body.id}`, { graph: schedule({ at: '09:00', condition: { event: 'ordered', since: 'entry' } }) })
    const again = await kairos.api('POST', `/api/flows/${created.body.id}/publish`)
    expect(again.status).toBe(400)
    expect(again.body.error.details).toEqual([expect.objectContaining({ node: 'tick', field: 'config.condition.since' })])
    await kairos.api('PUT', `/api/flows/${created.body.id}`, { graph: schedule({ at: '09:00', cron: '0 9 * * *', condition: premium }) })
    const both = await kairos.api('POST', `/api/flows/${created.body.id}/publish`)
    expect(both.body.error.details).toEqual([expect.objectContaining({ node: 'tick', field: 'config.at' })])
  })

  it('fans a large audience out in batches, each contact once, and two fan-outs of one tick take turns', async () => {
    await sql`insert into contacts (external_id, attributes)
        select 'bulk-' || n, '{"tier": "bulk"}'::jsonb from generate_series(1, 2500) as n`.execute(db())
    const flowId = await publishFlow(kairos, 'Bulk', schedule({ cron: '0 * * * *', condition: { attribute: 'tier', op: 'eq', value: 'bulk' } }))
    // A tick row as the tick job writes it, fanned out by two workers at once with small batches.
    const { rows } = await sql<{ id: string }>`insert into schedule_ticks (flow_id, flow_version, node_id, tick_at, status, audience, started_at)
        values (${flowId}, 1, 'tick', ${kairos.now()}, 'running', ${JSON.stringify({ attribute: 'tier', op: 'eq', value: 'bulk' })}::jsonb, ${kairos.now()})
        returning id`.execute(db())
    await Promise.all([fanOut(kairos.core.execution, rows[0].id, { batchSize: 300 }), fanOut(kairos.core.execution, rows[0].id, { batchSize: 300 })])
    const tick = await db().selectFrom('schedule_ticks').selectAll().where('id', '=', rows[0].id).executeTakeFirstOrThrow()
    expect(tick).toMatchObject({ status: 'done', entered: 2500, not_entered: 0 })
    const { rows: counts } = await sql<{ runs: number; contacts: number }>`select count(*)::int as runs, count(distinct contact_id)::int as contacts
        from runs where flow_id = ${flowId}`.execute(db())
    expect(counts[0]).toEqual({ runs: 2500, contacts: 2500 })
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('fails a tick whose audience Postgres cannot evaluate, saying why, instead of retrying it for ever', async () => {
    const flowId = await publishFlow(kairos, 'Broken audience', schedule({ cron: '0 * * * *', condition: premium }))
    // A stored condition no version of Kairos would write: a count bound that is not a number.
    const broken = { event: 'ordered', count: { gte: 'many' } }
    const { rows } = await sql<{ id: string }>`insert into schedule_ticks (flow_id, flow_version, node_id, tick_at, status, audience, started_at)
        values (${flowId}, 1, 'tick', ${kairos.now()}, 'running', ${JSON.stringify(broken)}::jsonb, ${kairos.now()}) returning id`.execute(db())
    await fanOut(kairos.core.execution, rows[0].id)
    const tick = await db().selectFrom('schedule_ticks').select(['status', 'reason']).where('id', '=', rows[0].id).executeTakeFirstOrThrow()
    expect(tick.status).toBe('failed')
    expect(tick.reason).toMatch(/^audience could not be evaluated: /)
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('resumes a fan-out from its cursor: contacts before it are not entered again', async () => {
    const flowId = await publishFlow(kairos, 'Resume', schedule({ cron: '0 * * * *', condition: premium }))
    const ids = (await db().selectFrom('contacts').select('id').where(sql`attributes->>'tier'`, '=', 'premium').orderBy('id').execute()).map((c) => c.id)
    // As if a worker died after committing the batch that ended at the first premium contact.
    const { rows } = await sql<{ id: string }>`insert into schedule_ticks (flow_id, flow_version, node_id, tick_at, status, audience, started_at, cursor, entered)
        values (${flowId}, 1, 'tick', ${kairos.now()}, 'running', ${JSON.stringify(premium)}::jsonb, ${kairos.now()}, ${ids[0]}, 1)
        returning id`.execute(db())
    await fanOut(kairos.core.execution, rows[0].id, { batchSize: 1 })
    expect((await runsOf(flowId)).map((r) => r.external_id)).toEqual(['p2', 'p3'])
    expect(await db().selectFrom('schedule_ticks').select(['status', 'entered']).where('id', '=', rows[0].id).executeTakeFirstOrThrow()).toEqual({ status: 'done', entered: 3 })
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })
})
