import type { ChildProcess } from 'node:child_process'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { startWorkerProcess, until, workerReady } from '../support/worker-process.ts'

const CONTACTS = 3000

// Two worker processes see the same tick at the same moment (its job queued
// twice, as two schedulers might) and fan it out together: the tick is
// recorded once and every contact enters once.
describe('a schedule tick with two worker processes', () => {
  let kairos: TestKairos
  const workers: ChildProcess[] = []

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false, realTime: true })
    for (let i = 0; i < 2; i++) workers.push(startWorkerProcess(kairos.url))
    await Promise.all(workers.map(workerReady))
  })
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL')
    await kairos?.stop()
  })

  it('enrolls each contact once', async () => {
    const db = kairos.core.database.db
    await sql`insert into contacts (external_id, attributes)
        select 'crowd-' || n, '{"list": "crowd"}'::jsonb from generate_series(1, ${CONTACTS}) as n`.execute(db)
    const flowId = await publishFlow(kairos, 'Every minute', {
      nodes: [
        { id: 'tick', type: 'trigger.schedule', config: { cron: '* * * * *', condition: { attribute: 'list', op: 'eq', value: 'crowd' } } },
        { id: 'mark', type: 'tag', config: { add: ['ticked'] } },
      ],
      edges: [{ source: 'tick', target: 'mark' }],
      // Always: only the tick's own bookkeeping keeps a contact from entering twice.
      settings: { reentry: 'always' },
    })
    // Make the pending tick due now, and queue a twin of it (no job key) so both processes take one at once.
    const { rows: [pending] } = await sql<{ payload: { tickAt: string } }>`update graphile_worker._private_jobs set run_at = now()
        where key = ${`kairos:schedule:${flowId}:tick`} returning payload`.execute(db)
    await sql`select graphile_worker.add_job('kairos.schedule-tick', ${JSON.stringify(pending.payload)}::json)`.execute(db)
    // As soon as the tick exists, a second fan-out of it joins the first.
    await until(async () => (await db.selectFrom('schedule_ticks').select('id').where('flow_id', '=', flowId).execute()).length > 0, 30, 'the tick')
    const tick = await db.selectFrom('schedule_ticks').selectAll().where('flow_id', '=', flowId).executeTakeFirstOrThrow()
    await sql`select graphile_worker.add_job('kairos.schedule-fanout', ${JSON.stringify({ tick: tick.id })}::json)`.execute(db)

    const completed = async () =>
      (await sql<{ n: number }>`select count(*)::int as n from runs where trigger->>'id' = ${`tick:${tick.id}`} and status = 'completed'`.execute(db)).rows[0].n
    await until(async () => (await completed()) >= CONTACTS, 90, `${CONTACTS} completed runs`)
    await until(async () => (await db.selectFrom('schedule_ticks').select('status').where('id', '=', tick.id).executeTakeFirstOrThrow()).status === 'done', 30, 'the tick to finish')

    const ticks = await db.selectFrom('schedule_ticks').selectAll().where('flow_id', '=', flowId).where('tick_at', '=', new Date(pending.payload.tickAt)).execute()
    expect(ticks).toHaveLength(1)
    expect(ticks[0]).toMatchObject({ status: 'done', entered: CONTACTS, not_entered: 0 })
    const { rows } = await sql<{ runs: number; contacts: number }>`select count(*)::int as runs, count(distinct contact_id)::int as contacts
        from runs where trigger->>'id' = ${`tick:${tick.id}`}`.execute(db)
    expect(rows[0]).toEqual({ runs: CONTACTS, contacts: CONTACTS })
    // Both processes took part: each recorded a heartbeat, and the jobs were spread between them.
    expect((await db.selectFrom('worker_heartbeats').select('pool_id').execute()).length).toBe(2)
  })
})
