import type { ChildProcess } from 'node:child_process'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { startWorkerProcess, until, workerReady } from '../support/worker-process.ts'

const CONTACTS = 50_000

// A worker process is SIGKILLed half-way through fanning out a 50,000-contact
// tick. Another process takes the job over (its heartbeat check releases the
// dead worker's lock) and carries on from the tick's cursor: every contact
// enters once, none is skipped.
describe('a fan-out whose worker dies half-way', () => {
  let kairos: TestKairos
  const workers: ChildProcess[] = []

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false, realTime: true })
  })
  afterAll(async () => {
    for (const worker of workers) worker.kill('SIGKILL')
    await kairos?.stop()
  })

  it('resumes from the cursor in another process, entering each contact once', async () => {
    const db = kairos.core.database.db
    await sql`insert into contacts (external_id, attributes)
        select 'many-' || n, '{"list": "many"}'::jsonb from generate_series(1, ${CONTACTS}) as n`.execute(db)
    const flowId = await publishFlow(kairos, 'Big tick', {
      nodes: [
        { id: 'tick', type: 'trigger.schedule', config: { cron: '0 0 1 1 *', condition: { attribute: 'list', op: 'eq', value: 'many' } } },
        { id: 'mark', type: 'tag', config: { add: ['reached'] } },
      ],
      edges: [{ source: 'tick', target: 'mark' }],
      settings: { reentry: 'always' },
    })
    const first = startWorkerProcess(kairos.url)
    workers.push(first)
    await workerReady(first)
    await sql`update graphile_worker._private_jobs set run_at = now() where key = ${`kairos:schedule:${flowId}:tick`}`.execute(db)
    await sql`select pg_notify('jobs:insert', '{"count":1}')`.execute(db)

    // Kill it once some batches have committed, well before the last.
    const progress = async () => (await db.selectFrom('schedule_ticks').select(['id', 'entered', 'status']).where('flow_id', '=', flowId).executeTakeFirst())
    await until(async () => ((await progress())?.entered ?? 0) > 0, 60, 'the first batch')
    first.kill('SIGKILL')
    await new Promise((resolve) => first.once('exit', resolve))
    const atKill = (await progress())!
    expect(atKill.status).toBe('running')
    expect(atKill.entered).toBeLessThan(CONTACTS)

    const second = startWorkerProcess(kairos.url, { KAIROS_WORKER_STALE_MS: '1500' })
    workers.push(second)
    await workerReady(second)
    await until(async () => (await progress())!.status === 'done', 90, 'the tick to finish in the second process')

    const tick = (await progress())!
    expect(tick.entered).toBe(CONTACTS)
    const { rows } = await sql<{ runs: number; contacts: number }>`select count(*)::int as runs, count(distinct contact_id)::int as contacts
        from runs where flow_id = ${flowId}`.execute(db)
    expect(rows[0]).toEqual({ runs: CONTACTS, contacts: CONTACTS })
    await until(
      async () => (await sql<{ n: number }>`select count(*)::int as n from runs where flow_id = ${flowId} and status = 'completed'`.execute(db)).rows[0].n === CONTACTS,
      120,
      'every run to complete',
    )
  })
})
