import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userSession } from '../support/test-auth.ts'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// GET /api/exports/contacts: every contact as CSV, across pages of the database, attributes as
// columns; a sales user gets only the contacts they own.
describe('contacts export', () => {
  let kairos: TestKairos

  beforeAll(async () => {
    kairos = await startTestKairos()
    await kairos.api('PUT', '/api/sales-reps/li', { name: 'Li' })
    const contacts = Array.from({ length: 1203 }, (_, i) => ({ externalId: `c-${String(i).padStart(4, '0')}`, attributes: { plan: 'basic' } }))
    for (let i = 0; i < contacts.length; i += 1000) expect((await kairos.api('POST', '/api/contacts/batch', { contacts: contacts.slice(i, i + 1000) })).status).toBe(200)
    await kairos.api('PUT', '/api/contacts/wang', { attributes: { name: '王芳, "VIP"', prefs: { sms: true } }, tags: ['vip', 'renewal'], ownerId: 'li' })
  })
  afterAll(async () => {
    await kairos?.stop()
  })

  it('answers every contact with a header of the attribute keys, quoting what needs it', async () => {
    const reply = await kairos.app.inject({ method: 'GET', url: '/api/exports/contacts', headers: kairos.authHeaders })
    expect(reply.statusCode).toBe(200)
    expect(reply.headers['content-type']).toBe('text/csv; charset=utf-8')
    expect(reply.headers['content-disposition']).toMatch(/^attachment; filename="contacts-\d{4}-\d{2}-\d{2}\.csv"$/)
    const lines = reply.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n')
    expect(lines[0]).toBe('externalId,ownerId,tags,name,plan,prefs')
    expect(lines).toHaveLength(1 + 1204)
    expect(lines[1]).toBe('c-0000,,,,basic,')
    expect(lines.at(-1)).toBe('wang,li,vip;renewal,"王芳, ""VIP""",,"{""sms"":true}"')
  })

  it("gives a sales user the contacts they own only", async () => {
    const li = await userSession(kairos.app, kairos.authHeaders, { email: 'li@shop.example', role: 'sales', salesRepId: 'li' })
    const reply = await kairos.app.inject({ method: 'GET', url: '/api/exports/contacts', headers: li.headers })
    expect(reply.statusCode).toBe(200)
    expect(reply.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n')).toEqual(['externalId,ownerId,tags,name,prefs', 'wang,li,vip;renewal,"王芳, ""VIP""","{""sms"":true}"'])
  })
})
