import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { userSession } from '../support/test-auth.ts'

// One coupon pool, sales rep or task read by id: the same view its list shows, 404 for a
// missing one, 400 naming `params.id` for one that cannot be an id.

let kairos: TestKairos

beforeAll(async () => {
  kairos = await startTestKairos({ worker: false })
})
afterAll(() => kairos.stop())

async function expectMissing(url: string) {
  const reply = await kairos.api('GET', url)
  expect(reply.status).toBe(404)
  expect(reply.body.error).toMatchObject({ code: 'KAIROS_NOT_FOUND' })
}

async function expectMalformed(url: string) {
  const reply = await kairos.api('GET', url)
  expect(reply.status).toBe(400)
  expect(reply.body.error.code).toBe('KAIROS_VALIDATION')
  expect(reply.body.error.details.map((d: { field: string }) => d.field)).toContain('params.id')
}

describe('GET /api/coupon-pools/:id', () => {
  it('reads a pool as the list shows it, 404 for a missing one, 400 for a malformed id', async () => {
    await kairos.api('PUT', '/api/coupon-pools/spring', { name: 'Spring' })
    await kairos.api('POST', '/api/coupon-pools/spring/codes', { codes: ['A1', 'A2', 'A3'] })
    await kairos.api('PUT', '/api/coupon-pools/summer', { name: 'Summer' })
    const listed = (await kairos.api('GET', '/api/coupon-pools')).body.pools
    for (const id of ['spring', 'summer']) {
      const one = await kairos.api('GET', `/api/coupon-pools/${id}`)
      expect(one.status).toBe(200)
      expect(one.body).toEqual(listed.find((p: { id: string }) => p.id === id))
    }
    expect((await kairos.api('GET', '/api/coupon-pools/spring')).body).toMatchObject({ total: 3, issued: 0, available: 3 })
    await expectMissing('/api/coupon-pools/autumn')
    await expectMalformed('/api/coupon-pools/no%20spaces')
  })
})

describe('GET /api/sales-reps/:id', () => {
  it('reads a rep as the list shows them (open tasks included), 404 for a missing one, 400 for a malformed id', async () => {
    await kairos.api('PUT', '/api/sales-reps/rosa', { name: 'Rosa', email: 'rosa@shop.example', team: 'north' })
    await kairos.api('PUT', '/api/sales-reps/omar', { name: 'Omar', available: false })
    const listed = (await kairos.api('GET', '/api/sales-reps')).body.salesReps
    for (const id of ['rosa', 'omar']) {
      const one = await kairos.api('GET', `/api/sales-reps/${id}`)
      expect(one.status).toBe(200)
      expect(one.body).toEqual(listed.find((r: { id: string }) => r.id === id))
    }
    expect((await kairos.api('GET', '/api/sales-reps/rosa')).body).toMatchObject({ name: 'Rosa', team: 'north', openTasks: 0 })
    await expectMissing('/api/sales-reps/nobody')
    await expectMalformed('/api/sales-reps/no%20spaces')
  })
})

describe('GET /api/tasks/:id', () => {
  it('reads a task as the list shows it; a sales user reads their own and gets 404 for another rep\'s', async () => {
    for (const rep of ['tara', 'ugo']) await kairos.api('PUT', `/api/sales-reps/${rep}`, { name: rep })
    await kairos.api('PUT', '/api/contacts/tara-lead', { ownerId: 'tara' })
    await kairos.api('PUT', '/api/contacts/ugo-lead', { ownerId: 'ugo' })
    const db = kairos.core.database.db
    const contactId = async (externalId: string) => (await db.selectFrom('contacts').select('id').where('external_id', '=', externalId).executeTakeFirstOrThrow()).id
    const due = new Date(Date.now() + 3_600_000)
    const [taraTask, ugoTask] = await db
      .insertInto('tasks')
      .values([
        { rep_id: 'tara', contact_id: await contactId('tara-lead'), kind: 'follow_up', title: 'Call Tara lead', due_at: due, status: 'open', created_at: new Date() },
        { rep_id: 'ugo', contact_id: await contactId('ugo-lead'), kind: 'call', title: 'Call Ugo lead', due_at: due, status: 'open', created_at: new Date() },
      ] as never)
      .returning('id')
      .execute()

    const listed = (await kairos.api('GET', '/api/tasks')).body.tasks
    for (const { id } of [taraTask, ugoTask]) {
      const one = await kairos.api('GET', `/api/tasks/${id}`)
      expect(one.status).toBe(200)
      expect(one.body).toEqual(listed.find((t: { id: string }) => t.id === String(id)))
    }
    expect((await kairos.api('GET', '/api/sales-reps/tara')).body.openTasks).toBe(1)
    await expectMissing('/api/tasks/999999999')
    await expectMalformed('/api/tasks/not-a-number')

    const tara = await userSession(kairos.app, kairos.authHeaders, { email: 'tara@shop.example', role: 'sales', salesRepId: 'tara' })
    const own = await tara.api('GET', `/api/tasks/${taraTask.id}`)
    expect(own.status).toBe(200)
    expect(own.body).toEqual((await tara.api('GET', '/api/tasks')).body.tasks[0])
    const theirs = await tara.api('GET', `/api/tasks/${ugoTask.id}`)
    expect(theirs.status).toBe(404)
    expect(theirs.body.error.code).toBe('KAIROS_NOT_FOUND')
  })
})
