import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// POST /api/contacts/batch: imports in one transaction, with PUT's merge rules,
// and the attribute-driven triggers applied as the contacts land.
describe('contacts in batches', () => {
  let kairos: TestKairos
  const db = () => kairos.core.database.db

  beforeAll(async () => {
    kairos = await startTestKairos({ startAt: '2027-03-02T01:00:00Z' })
  })
  afterAll(() => kairos?.stop())

  it('imports 1,000 contacts with birthdays in one call, each with its moment scheduled', async () => {
    const flowId = await publishFlow(kairos, 'Birthdays', {
      nodes: [{ id: 'bday', type: 'trigger.date', config: { attribute: 'birthday', repeat: 'yearly', at: '09:00' } }, { id: 'mark', type: 'tag', config: { add: ['greeted'] } }],
      edges: [{ source: 'bday', target: 'mark' }],
      settings: { reentry: 'always' },
    })
    await kairos.drain()
    const contacts = Array.from({ length: 1000 }, (_, i) => ({
      externalId: `imp-${i}`,
      attributes: { name: `Imported ${i}`, birthday: `1990-03-${String(3 + (i % 2)).padStart(2, '0')}` },
      tags: ['imported'],
    }))
    const reply = await kairos.api('POST', '/api/contacts/batch', { contacts })
    expect(reply.status).toBe(200)
    expect(reply.body).toEqual({ upserted: 1000, created: 1000 })
    const { rows } = await sql<{ due: Date; n: number }>`select due_at as due, count(*)::int as n from date_trigger_moments
        where flow_id = ${flowId} group by due_at order by due_at`.execute(db())
    expect(rows.map((r) => [r.due.toISOString(), r.n])).toEqual([['2027-03-03T09:00:00.000Z', 500], ['2027-03-04T09:00:00.000Z', 500]])
    await kairos.advance('32h') // 3 March 09:00 UTC
    const entered = await db().selectFrom('runs').select((eb) => eb.fn.countAll<number>().as('n')).where('flow_id', '=', flowId).executeTakeFirstOrThrow()
    expect(Number(entered.n)).toBe(500)
    await kairos.api('POST', `/api/flows/${flowId}/archive`)
  })

  it('merges as PUT does: null removes an attribute, tags replace the set, the owner only when given', async () => {
    const reply = await kairos.api('POST', '/api/contacts/batch', {
      contacts: [
        { externalId: 'imp-0', attributes: { name: null, tier: 'gold' }, tags: ['vip'] },
        { externalId: 'imp-1', attributes: { tier: 'silver' }, ownerId: 'rep-7' },
        { externalId: 'new-1' },
      ],
    })
    expect(reply.body).toEqual({ upserted: 3, created: 1 })
    const zero = (await kairos.api('GET', '/api/contacts/imp-0')).body
    expect(zero).toMatchObject({ attributes: { birthday: '1990-03-03', tier: 'gold' }, tags: ['vip'], ownerId: null })
    expect(zero.attributes).not.toHaveProperty('name')
    expect((await kairos.api('GET', '/api/contacts/imp-1')).body).toMatchObject({ attributes: { name: 'Imported 1', tier: 'silver' }, tags: ['imported'], ownerId: 'rep-7' })
    expect((await kairos.api('GET', '/api/contacts/new-1')).body).toMatchObject({ attributes: {}, tags: [] })
  })

  it('starts change-triggered runs for the contacts whose value changed, and for no one else', async () => {
    const flowId = await publishFlow(kairos, 'Became MQL', {
      nodes: [{ id: 'mql', type: 'trigger.change', config: { attribute: 'stage', to: 'mql' } }, { id: 'mark', type: 'tag', config: { add: ['mql'] } }],
      edges: [{ source: 'mql', target: 'mark' }],
      settings: { reentry: 'always' },
    })
    await kairos.api('POST', '/api/contacts/batch', { contacts: [{ externalId: 'imp-5', attributes: { stage: 'mql' } }] })
    await kairos.api('POST', '/api/contacts/batch', {
      contacts: [
        { externalId: 'imp-5', attributes: { stage: 'mql' } }, // already mql: no change
        { externalId: 'imp-6', attributes: { stage: 'mql' } },
        { externalId: 'imp-7', attributes: { stage: 'lead' } },
      ],
    })
    const runs = (await kairos.api('GET', `/api/runs?flow=${flowId}`)).body.runs
    expect(runs.map((r: any) => r.contact).sort()).toEqual(['imp-5', 'imp-6'])
  })

  it('refuses a duplicate external id or an oversized batch, naming the field, and stores nothing', async () => {
    const duplicate = await kairos.api('POST', '/api/contacts/batch', {
      contacts: [{ externalId: 'dup-a', attributes: { x: 1 } }, { externalId: 'dup-b' }, { externalId: 'dup-a', attributes: { x: 2 } }],
    })
    expect(duplicate.status).toBe(400)
    expect(duplicate.body.error.details).toEqual([{ field: 'body.contacts[2].externalId', message: '"dup-a" is already body.contacts[0]' }])
    const tooMany = await kairos.api('POST', '/api/contacts/batch', { contacts: Array.from({ length: 1001 }, (_, i) => ({ externalId: `big-${i}` })) })
    expect(tooMany.status).toBe(400)
    expect(tooMany.body.error.details[0].field).toBe('body.contacts')
    const badField = await kairos.api('POST', '/api/contacts/batch', { contacts: [{ externalId: 'ok-1' }, { externalId: '', tags: 'vip' }] })
    expect(badField.status).toBe(400)
    expect(badField.body.error.details.map((d: any) => d.field)).toEqual(expect.arrayContaining(['body.contacts[1].externalId']))
    const stored = await db().selectFrom('contacts').select('external_id').where('external_id', 'in', ['dup-a', 'dup-b', 'big-0', 'ok-1']).execute()
    expect(stored).toEqual([])
  })
})
