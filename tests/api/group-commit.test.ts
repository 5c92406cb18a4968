import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { injectJson } from '../support/test-auth.ts'

/**
 * Group commit: single-event requests that arrive while the ingest
 * transactions are busy share the next one. To make "arrive while busy"
 * certain, the test holds a contact's row lock from its own connection and
 * sends two requests for that contact first: they take both transaction slots
 * and wait on the lock, so everything sent next is gathered into one
 * transaction that runs when the lock is let go. Rows written by one
 * transaction share its xmin, which shows what went together.
 */
describe('group commit of concurrent event requests', () => {
  let kairos: TestKairos
  let locker: pg.Client
  let flowId: string

  beforeAll(async () => {
    kairos = await startTestKairos({ worker: false })
    locker = new pg.Client({ connectionString: kairos.url })
    await locker.connect()
    // Postgres refuses this event as it would refuse any value it cannot store: a real data exception
    // (SQLSTATE 22023) raised by the test's own database, so the refusal happens inside the shared transaction.
    await locker.query(`create function test_refuse_poison() returns trigger language plpgsql as $$
        begin if new.name = 'poison' then raise exception 'poison refused' using errcode = '22023'; end if; return new; end $$`)
    await locker.query(`create trigger test_refuse_poison before insert on events for each row execute function test_refuse_poison()`)
    flowId = await publishFlow(kairos, 'Welcome', {
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'signed_up' } }, { id: 'later', type: 'wait', config: { for: '7d' } }],
      edges: [{ source: 'in', target: 'later' }],
      settings: { exitOn: ['unsubscribed'], reentry: 'always' },
    })
    // The blockers' contact exists before the lock is taken.
    expect((await kairos.api('POST', '/api/events', { contact: 'blocker', name: 'warm_up' })).status).toBe(202)
  })
  afterAll(async () => {
    await locker?.end()
    await kairos?.stop()
  })

  const post = (body: unknown) => injectJson(kairos.app, { method: 'POST', url: '/api/events', headers: kairos.authHeaders, body })
  const waitingOnLocks = async () =>
    Number((await locker.query(`select count(*) from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`)).rows[0].count)
  const until = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 400 && !(await check()); i++) await new Promise((r) => setTimeout(r, 10))
  }

  /** Sends `bodies` while both ingest transactions wait on a held lock, so they are gathered into the next one. */
  async function gathered(bodies: unknown[]) {
    await locker.query('begin')
    await locker.query(`select 1 from contacts where external_id = 'blocker' for update`)
    const blockers: Array<ReturnType<typeof post>> = []
    for (let i = 1; i <= 2; i++) {
      blockers.push(post({ contact: 'blocker', name: 'blocking' }))
      await until(async () => (await waitingOnLocks()) >= i)
    }
    expect(await waitingOnLocks()).toBe(2)
    const answers = bodies.map((body) => post(body))
    await new Promise((r) => setTimeout(r, 50))
    await locker.query('commit')
    for (const blocker of await Promise.all(blockers)) expect(blocker.status).toBe(202)
    return Promise.all(answers)
  }
  const xminsOf = async (contacts: string[]) =>
    (await locker.query(`select distinct e.xmin::text from events e join contacts c on c.id = e.contact_id where c.external_id = any($1)`, [contacts])).rows

  it('commits gathered requests in one transaction and answers each with its own result', async () => {
    const contacts = Array.from({ length: 12 }, (_, i) => `gather-${i}`)
    const answers = await gathered(contacts.map((contact, i) => ({ contact, name: i % 2 === 0 ? 'signed_up' : 'browsed' })))
    answers.forEach((answer, i) => {
      expect(answer.status).toBe(202)
      expect(answer.body).toMatchObject({ accepted: 1, duplicates: 0, runsStarted: i % 2 === 0 ? 1 : 0 })
    })
    expect(await xminsOf(contacts)).toHaveLength(1)
  })

  it('fails one bad event alone with its 4xx while the others of its transaction are stored', async () => {
    const contacts = Array.from({ length: 9 }, (_, i) => `mixed-${i}`)
    const answers = await gathered(contacts.map((contact, i) => ({ contact, name: i === 4 ? 'poison' : 'signed_up' })))
    expect(answers[4].status).toBe(400)
    expect(answers[4].body.error).toMatchObject({ code: 'KAIROS_VALIDATION', message: expect.stringContaining('poison refused') })
    for (const [i, answer] of answers.entries()) if (i !== 4) expect(answer).toMatchObject({ status: 202, body: { accepted: 1, runsStarted: 1 } })
    const stored = await locker.query(`select c.external_id from events e join contacts c on c.id = e.contact_id where c.external_id = any($1)`, [contacts])
    expect(stored.rows.map((r) => r.external_id).sort()).toEqual(contacts.filter((_, i) => i !== 4).sort())
    const runs = await locker.query(`select count(*)::int as n from runs r join contacts c on c.id = r.contact_id where c.external_id = any($1)`, [contacts])
    expect(runs.rows[0].n).toBe(8)
  })

  it('records an id repeated within one gathered transaction once, answering the others as duplicates', async () => {
    const answers = await gathered([
      { contact: 'dup-a', name: 'signed_up', id: 'order-77' },
      { contact: 'dup-b', name: 'signed_up' },
      { contact: 'dup-a', name: 'signed_up', id: 'order-77' },
      { contact: 'dup-c', name: 'signed_up', id: 'order-77' },
    ])
    expect(answers.map((a) => a.body)).toMatchObject([
      { accepted: 1, duplicates: 0, runsStarted: 1 },
      { accepted: 1, duplicates: 0, runsStarted: 1 },
      { accepted: 0, duplicates: 1, runsStarted: 0 },
      { accepted: 0, duplicates: 1, runsStarted: 0 },
    ])
    expect((await locker.query(`select count(*)::int as n from events where idempotency_id = 'order-77'`)).rows[0].n).toBe(1)
    expect(await xminsOf(['dup-a', 'dup-b'])).toHaveLength(1)
  })

  it('applies two events of one contact in one transaction in arrival order', async () => {
    const answers = await gathered([
      { contact: 'ordered', name: 'signed_up' },
      { contact: 'other', name: 'signed_up' },
      { contact: 'ordered', name: 'unsubscribed' },
    ])
    expect(answers.map((a) => a.body)).toMatchObject([{ runsStarted: 1, runsExited: 0 }, { runsStarted: 1 }, { runsStarted: 0, runsExited: 1 }])
    expect(await xminsOf(['ordered', 'other'])).toHaveLength(1)
    const [run] = (await kairos.api('GET', `/api/runs?flow=${flowId}&contact=ordered`)).body.runs
    expect(run).toMatchObject({ status: 'exited', exitReason: 'exitOn: unsubscribed' })
    const events = (await locker.query(`select e.name from events e join contacts c on c.id = e.contact_id where c.external_id = 'ordered' order by e.id`)).rows
    expect(events.map((e) => e.name)).toEqual(['signed_up', 'unsubscribed'])
  })

  it('answers a batch request gathered with others with its own totals, applied as one', async () => {
    const answers = await gathered([
      { events: [{ contact: 'batch-1', name: 'signed_up' }, { contact: 'batch-1', name: 'unsubscribed' }, { contact: 'batch-2', name: 'signed_up' }] },
      { contact: 'single-1', name: 'signed_up' },
    ])
    expect(answers.map((a) => a.body)).toMatchObject([
      { accepted: 3, runsStarted: 2, runsExited: 1 },
      { accepted: 1, runsStarted: 1, runsExited: 0 },
    ])
    expect(await xminsOf(['batch-1', 'batch-2', 'single-1'])).toHaveLength(1)
  })
})
