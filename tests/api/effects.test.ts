import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '@kairos/server'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

/** Test-only node types (probe.http, probe.lookup, probe.hang), loaded as a plugin folder. */
const PROBES = join(REPO_ROOT, 'tests', 'fixtures', 'plugins')

// An HTTP effect (services.effects.http) is made after the step commits, by its own job: retried
// with backoff and the same Idempotency-Key, through the outbound guard, and its answer goes to
// the run's next step, where a template reads it.
describe('HTTP effects', () => {
  const api = fakeHttpProvider((status) => (status < 300 ? { score: 42 } : { error: status === 404 ? 'unknown' : 'try later' }))
  let kairos: TestKairos
  let url: string

  const runOf = async (contact: string) => {
    const { body } = await kairos.api('GET', `/api/runs?contact=${contact}`)
    return (await kairos.api('GET', `/api/runs/${body.runs[0].id}`)).body
  }
  const effectsOf = async (runId: string) =>
    (await sql<{ status: string; attempts: number; error: string | null; idempotency_key: string; result: any }>`
      select status, attempts, error, idempotency_key, result from effects where run_id = ${runId} order by created_at`.execute(kairos.core.database.db)).rows
  const signup = async (contact: string, name = 'signed_up') => {
    await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: { phone: '+8613900000009' } })
    await kairos.api('POST', '/api/events', { contact, name })
    await kairos.drain()
  }

  beforeAll(async () => {
    url = `${await api.listen()}/hooks/signup`
    kairos = await startTestKairos({ pluginDirs: [PROBES] })
    await publishFlow(kairos, 'Score on signup', graph('signed_up', url))
    await publishFlow(kairos, 'Ask the metadata service', graph('asked_metadata', 'http://169.254.169.254/latest/meta-data'))
  })
  afterEach(() => void (api.received.length = 0))
  afterAll(async () => {
    await kairos?.stop()
    await api.close()
  })

  it('is requested again with the same Idempotency-Key after a 503, and the run goes on through done with the answer on its step', async () => {
    api.script([503, 200])
    await signup('ada')
    // The first attempt ran after the step committed; the run waits for the effect meanwhile.
    expect(api.received).toHaveLength(1)
    const waiting = await runOf('ada')
    expect(waiting).toMatchObject({ status: 'waiting', nodeId: 'call' })
    expect(await effectsOf(waiting.id)).toEqual([expect.objectContaining({ status: 'pending', attempts: 1, error: 'HTTP 503' })])

    await kairos.advance('2s')
    expect(api.received).toHaveLength(2)
    const [first, second] = api.received
    const [effect] = await effectsOf(waiting.id)
    expect(first.headers['idempotency-key']).toBe(effect.idempotency_key)
    expect(second.headers['idempotency-key']).toBe(effect.idempotency_key)
    expect(effect.idempotency_key).toMatch(new RegExp(`^run:${waiting.id}:\\d+:effect:http$`))
    expect(second.body).toEqual({ contact: 'ada' })
    expect(second.headers['content-type']).toBe('application/json')

    const run = await runOf('ada')
    expect(run.status).toBe('completed')
    const call = run.steps.find((s: any) => s.node === 'call')
    expect(call).toMatchObject({ port: 'next', error: null })
    expect(call.result).toEqual({
      asked: url, effect: expect.any(String), name: 'http', status: 'done', attempts: 2, response: { status: 200, body: { score: 42 } },
    })
    expect(effect).toMatchObject({ status: 'done', attempts: 2, error: null, result: { status: 200, body: { score: 42 } } })
    // A later step's template reads it.
    const { body } = await kairos.api('GET', '/api/deliveries?contact=ada')
    expect(body.deliveries[0].body).toBe('Your score is 42')
    await kairos.advance('1h')
    expect(api.received).toHaveLength(2)
  })

  it('goes to failed at once on a 4xx other than 408 and 429, with the answer on the step', async () => {
    api.script([404])
    await signup('bea')
    await kairos.advance('1h')
    expect(api.received).toHaveLength(1)
    const run = await runOf('bea')
    expect(run.status).toBe('completed')
    const call = run.steps.find((s: any) => s.node === 'call')
    expect(call).toMatchObject({ port: 'failed' })
    expect(call.result).toMatchObject({ status: 'failed', attempts: 1, error: 'HTTP 404', response: { status: 404, body: { error: 'unknown' } } })
    expect(run.steps.some((s: any) => s.node === 'thanks')).toBe(false)
  })

  it('is made once although the batch that recorded it failed and was retried', async () => {
    // The batch's transaction fails once, after both runs' run() recorded their effect: the
    // advance job then retries each run on its own. Made inside run(), the request would go out twice.
    const db = kairos.core.database.db
    await sql`create sequence probe_fail_once`.execute(db)
    await sql`create function probe_fail_once() returns trigger language plpgsql as $$
      begin if nextval('probe_fail_once') = 1 then raise exception 'probe: this batch fails once'; end if; return null; end $$`.execute(db)
    await sql`create trigger effects_fail_once after insert on effects for each statement execute function probe_fail_once()`.execute(db)
    try {
      await kairos.api('PUT', '/api/contacts/cai', { attributes: {} })
      await kairos.api('PUT', '/api/contacts/dov', { attributes: {} })
      await kairos.api('POST', '/api/events', { events: [{ contact: 'cai', name: 'signed_up' }, { contact: 'dov', name: 'signed_up' }] })
      await kairos.drain()
      // It did fail: one statement raised, and at least one more inserted effects afterwards.
      expect(Number((await sql<{ n: string }>`select nextval('probe_fail_once') as n`.execute(db)).rows[0].n)).toBeGreaterThanOrEqual(3)
    } finally {
      await sql`drop trigger effects_fail_once on effects; drop function probe_fail_once(); drop sequence probe_fail_once`.execute(db)
    }
    expect(api.received.map((r) => r.body.contact).sort()).toEqual(['cai', 'dov'])
    for (const contact of ['cai', 'dov']) {
      const run = await runOf(contact)
      expect(run.status).toBe('completed')
      expect(await effectsOf(run.id)).toEqual([expect.objectContaining({ status: 'done', attempts: 1 })])
    }
  })

  it('is refused by the outbound guard for a metadata address, and fails without a request', async () => {
    await signup('eli', 'asked_metadata')
    const run = await runOf('eli')
    const call = run.steps.find((s: any) => s.node === 'call')
    expect(call).toMatchObject({ port: 'failed' })
    expect(call.result).toMatchObject({ status: 'failed', attempts: 1 })
    expect(call.result.error).toMatch(/^destination refused: 169\.254\.169\.254 is a cloud metadata service address; Kairos does not send there unless KAIROS_ALLOWED_HOSTS lists it/)
  })
})

function graph(event: string, url: string) {
  return {
    nodes: [
      { id: 'entry', type: 'trigger.event', config: { event } },
      { id: 'call', type: 'probe.http', config: { url } },
      { id: 'thanks', type: 'send.sms', config: { text: 'Your score is {{ effects.call.response.body.score }}', category: 'transactional' } },
    ],
    edges: [{ source: 'entry', target: 'call' }, { source: 'call', sourcePort: 'next', target: 'thanks' }],
    settings: { reentry: 'always' },
  }
}
