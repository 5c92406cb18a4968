import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadFlowFixture, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { injectJson, userSession, type SessionClient } from '../support/test-auth.ts'

let kairos: TestKairos
let mei: SessionClient
beforeAll(async () => {
  kairos = await startTestKairos({ worker: false })
  mei = await userSession(kairos.app, kairos.authHeaders, { email: 'mei@shop.example', name: 'Mei', role: 'editor' })
})
afterAll(() => kairos.stop())

const trail = async (query: string) => (await kairos.api('GET', `/api/audit?${query}`)).body.entries as any[]

describe('the audit trail', () => {
  it("records a flow's life with who did it and what changed: create, save, publish, pause, resume, archive, import", async () => {
    const graph = (await loadFlowFixture('cart-abandonment')) as any
    const flow = (await mei.api('POST', '/api/flows', { name: 'Cart', graph })).body
    const changed = structuredClone(graph)
    changed.nodes.find((n: any) => n.type === 'wait').config.for = '45m'
    await mei.api('PUT', `/api/flows/${flow.id}`, { graph: changed, name: 'Cart v2' })
    await mei.api('POST', `/api/flows/${flow.id}/publish`)
    await mei.api('POST', `/api/flows/${flow.id}/pause`)
    await mei.api('POST', `/api/flows/${flow.id}/resume`)
    await mei.api('POST', `/api/flows/${flow.id}/archive`)
    const imported = (await mei.api('POST', '/api/flows', { name: 'From a file', graph, source: 'import' })).body

    const entries = (await trail(`target=flow:${flow.id}`)).reverse()
    expect(entries.map((e) => e.action)).toEqual(['flow.create', 'flow.save', 'flow.publish', 'flow.pause', 'flow.resume', 'flow.archive'])
    expect(entries.every((e) => e.actor.type === 'user' && e.actor.label === 'mei@shop.example')).toBe(true)
    const waitId = graph.nodes.find((n: any) => n.type === 'wait').id
    expect(entries[1].diff).toEqual(
      expect.arrayContaining([
        { path: 'name', from: 'Cart', to: 'Cart v2' },
        { path: `graph.nodes[${waitId}].config.for`, from: graph.nodes.find((n: any) => n.type === 'wait').config.for, to: '45m' },
      ]),
    )
    expect(entries[2].diff).toEqual({ version: 1 })
    expect(entries[3].diff).toEqual({ status: { from: 'active', to: 'paused' } })
    expect((await trail(`target=flow:${imported.id}`)).map((e) => e.action)).toEqual(['flow.import'])
  })

  it('records channel changes without ever holding a secret: a new value reads "changed"', async () => {
    const token = 'sk-live-very-secret-4242'
    await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: 'http://127.0.0.1:9/sms', token } })
    await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: 'http://127.0.0.1:9/v2/sms', token: '••••••••' } })
    await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: 'http://127.0.0.1:9/v2/sms', token: 'sk-live-rotated-0001' } })
    await kairos.api('DELETE', '/api/channels/sms-main')
    const entries = (await trail('target=channel:sms-main')).reverse()
    expect(entries.map((e) => e.action)).toEqual(['channel.create', 'channel.update', 'channel.update', 'channel.delete'])
    expect(entries[0].diff).toEqual(expect.arrayContaining([{ path: 'config.token', to: 'changed' }]))
    expect(entries[1].diff).toEqual([{ path: 'config.url', from: 'http://127.0.0.1:9/sms', to: 'http://127.0.0.1:9/v2/sms' }])
    expect(entries[2].diff).toEqual([{ path: 'config.token', to: 'changed' }])
    const { rows } = await kairos.core.database.pool.query('select * from audit_log')
    expect(JSON.stringify(rows)).not.toMatch(/sk-live|••••/)
  })

  it('records policies, segments, coupon pools, sales reps, users and keys', async () => {
    await kairos.api('PUT', '/api/policies', { caps: [{ channel: 'sms', max: 2, per: '1d' }] })
    const segment = (await kairos.api('POST', '/api/segments', { name: 'VIP', condition: { tag: 'vip' } })).body
    await kairos.api('PUT', `/api/segments/${segment.id}`, { name: 'VIPs' })
    await kairos.api('DELETE', `/api/segments/${segment.id}`)
    await kairos.api('PUT', '/api/coupon-pools/spring', { name: 'Spring' })
    await kairos.api('POST', '/api/coupon-pools/spring/codes', { codes: ['SPRING-1', 'SPRING-2'] })
    await kairos.api('PUT', '/api/sales-reps/li', { name: 'Li' })
    await kairos.api('PUT', '/api/sales-reps/li', { name: 'Li Na' })
    const key = (await kairos.api('POST', '/api/api-keys', { name: 'CDP', scopes: ['events:write'] })).body
    await kairos.api('DELETE', `/api/api-keys/${key.key.id}`)

    const actions = (await trail('limit=100')).map((e) => e.action)
    for (const action of [
      'policies.update', 'segment.create', 'segment.update', 'segment.delete', 'coupon_pool.put', 'coupon_pool.add_codes',
      'sales_rep.create', 'sales_rep.update', 'api_key.create', 'api_key.revoke', 'user.create', 'user.setup', 'auth.login',
    ])
      expect(actions).toContain(action)
    expect((await trail('target=segment')).find((e) => e.action === 'segment.update').diff).toEqual(
      expect.arrayContaining([{ path: 'name', from: 'VIP', to: 'VIPs' }]),
    )
    expect((await trail('target=coupon_pool:spring'))[0].diff).toEqual({ codes: 2 })
    expect((await trail('target=sales_rep:li'))[0].diff).toEqual(expect.arrayContaining([{ path: 'name', from: 'Li', to: 'Li Na' }]))
    const keyEntry = (await trail(`target=api_key:${key.key.id}`)).find((e) => e.action === 'api_key.create')
    expect(JSON.stringify(keyEntry)).not.toContain(key.secret)
    expect(keyEntry.actor).toMatchObject({ type: 'key', label: expect.stringMatching(/^key tests \(kai_/) })
  })

  it('filters by actor and time, and is readable by viewers but not by sales users', async () => {
    const byMei = await trail('actor=mei@shop.example&limit=1000')
    expect(byMei.length).toBeGreaterThan(5)
    expect(byMei.every((e) => e.actor.label === 'mei@shop.example')).toBe(true)
    expect(await trail(`to=${new Date(Date.now() - 86_400_000).toISOString()}`)).toEqual([])
    expect((await trail('limit=2')).length).toBe(2)
    const bad = await kairos.api('GET', '/api/audit?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z')
    expect(bad.body.error.details[0].field).toBe('querystring.from')

    const viewer = await userSession(kairos.app, kairos.authHeaders, { email: 'vic@shop.example', role: 'viewer' })
    expect((await viewer.api('GET', '/api/audit')).status).toBe(200)
    const sales = await userSession(kairos.app, kairos.authHeaders, { email: 'sal@shop.example', role: 'sales' })
    expect((await sales.api('GET', '/api/audit')).status).toBe(403)
    expect((await injectJson(kairos.app, { method: 'GET', url: '/api/audit' })).status).toBe(401)
  })
})
