import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Steps have no foreign key to runs (migration 0013: the per-row check cost half of every
// steps insert); a statement trigger on runs deletes the steps of the runs a statement removes,
// as the key's ON DELETE CASCADE did, whichever way the runs go (their contact or flow deleted).
describe('steps go with their runs', () => {
  let kairos: TestKairos
  beforeAll(async () => {
    kairos = await startTestKairos()
  })
  afterAll(async () => kairos?.stop())

  const stepsOf = async (contacts: string[]) =>
    (await sql<{ n: number }>`select count(*)::int as n from steps s join runs r on r.id = s.run_id join contacts c on c.id = r.contact_id
        where c.external_id = any(${contacts}::text[])`.execute(kairos.core.database.db)).rows[0].n
  const orphans = async () =>
    (await sql<{ n: number }>`select count(*)::int as n from steps s where not exists (select 1 from runs r where r.id = s.run_id)`.execute(kairos.core.database.db)).rows[0].n

  it('deletes the steps of runs removed with their contact or their flow, and keeps everyone else’s', async () => {
    const graph = (event: string) => ({
      nodes: [{ id: 'in', type: 'trigger.event', config: { event } }, { id: 't', type: 'tag', config: { add: ['seen'] } }],
      edges: [{ source: 'in', target: 't' }],
      settings: { reentry: 'always' },
    })
    const keptFlow = await publishFlow(kairos, 'Kept', graph('visited'))
    const goneFlow = await publishFlow(kairos, 'Gone', graph('browsed'))
    await kairos.api('POST', '/api/events', { events: ['ann', 'bob', 'cai'].flatMap((contact) => [{ contact, name: 'visited' }, { contact, name: 'browsed' }]) })
    await kairos.drain()
    expect(await stepsOf(['ann', 'bob', 'cai'])).toBe(12)

    const db = kairos.core.database.db
    await sql`delete from contacts where external_id = 'ann'`.execute(db)
    expect(await stepsOf(['bob', 'cai'])).toBe(8)
    await sql`delete from flows where id = ${goneFlow}`.execute(db)
    expect(await stepsOf(['bob', 'cai'])).toBe(4)
    expect(await orphans()).toBe(0)
    const kept = (await kairos.api('GET', `/api/runs?flow=${keptFlow}&contact=bob`)).body.runs
    expect((await kairos.api('GET', `/api/runs/${kept[0].id}`)).body.steps).toHaveLength(2)
  })
})
