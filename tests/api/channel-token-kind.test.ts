import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '@kairos/server'
import { fakeTokenProvider, statusReport } from '../fixtures/fake-token-provider.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

const CORP = { corpId: 'ww-corp-1', corpSecret: 'corp-secret-9' }
const RECEIPT_SECRET = 'receipt-secret-0123'

// A plugin channel kind that sends as WeCom apps and Aliyun's RPC API want it (a GET with a
// query for a token, then the message as a form), against a stand-in that checks both; and a
// provider whose status report reaches Kairos before its answer to the send does.
describe('a channel kind that fetches a token and posts a form', () => {
  const provider = fakeTokenProvider(CORP)
  let kairos: TestKairos

  const deliveryOf = async (contact: string) => (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries[0]
  const row = async (id: string) => (await kairos.core.database.pool.query('select status, held_receipts, provider_message_id from deliveries where id = $1', [id])).rows[0]
  const eventsNamed = async (contact: string, name: string) =>
    (await kairos.core.database.pool.query('select e.occurred_at from events e join contacts c on c.id = e.contact_id where c.external_id = $1 and e.name = $2', [contact, name])).rows
  const postReport = (report: { raw: string; signature: string }) =>
    kairos.app.inject({ method: 'POST', url: '/api/channels/notice-main/receipts', headers: { 'content-type': 'application/json', 'x-notice-signature': report.signature }, payload: report.raw })
  const notify = async (contact: string) => {
    await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: { userid: `u-${contact}` } })
    await kairos.api('POST', '/api/events', { contact, name: 'renewal_due' })
    await kairos.drain()
  }

  beforeAll(async () => {
    const url = await provider.listen()
    // Noon in Shanghai, far from the quiet hours' edges the last test sets.
    kairos = await startTestKairos({ pluginDirs: [join(REPO_ROOT, 'tests', 'fixtures', 'token-channel')], startAt: '2027-03-02T04:00:00Z' })
    const saved = await kairos.api('PUT', '/api/channels/notice-main', { kind: 'notice.token', config: { baseUrl: url, ...CORP, receiptSecret: RECEIPT_SECRET } })
    expect(saved.body).toMatchObject({ carries: 'notice', secretsSet: ['corpSecret', 'receiptSecret'], config: { agentId: 1000002 } })
    await publishFlow(kairos, 'Renewal notice', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'renewal_due' } },
        { id: 'notice', type: 'test.notice', config: { channel: 'notice-main', text: 'Your membership ends in 3 days' } },
        { id: 'sent', type: 'tag', config: { add: ['noticed'] } },
      ],
      edges: [{ source: 'in', target: 'notice' }, { source: 'notice', sourcePort: 'next', target: 'sent' }],
      settings: { reentry: 'always' },
    })
    // Journeys start from what receipts emit: this one counts message.delivered.
    await publishFlow(kairos, 'Delivered', {
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'message.delivered' } }, { id: 'tag', type: 'tag', config: { add: ['delivered'] } }],
      edges: [{ source: 'in', target: 'tag' }],
      settings: { reentry: 'always' },
    })
  })
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  it('gets the token with a GET and its query, then posts the message as a form with the token in the query', async () => {
    await notify('ana')
    const [token, send] = provider.requests
    expect([token.method, token.url, token.body]).toEqual(['GET', `/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=${CORP.corpSecret}`, ''])
    expect([send.method, send.url, send.headers['content-type']]).toEqual(['POST', '/cgi-bin/message/send?access_token=ACCESS-TOKEN-1', 'application/x-www-form-urlencoded'])
    const delivery = await deliveryOf('ana')
    expect(provider.accepted[0].form).toEqual({ touser: 'u-ana', content: 'Your membership ends in 3 days', agentid: '1000002', outid: delivery.id, nonce: delivery.idempotencyKey })
    expect(delivery).toMatchObject({ channel: 'notice', status: 'sent', attempts: 1, providerResponse: { status: 200, body: { errcode: 0, msgid: 'msg-1' } } })
    expect((await row(delivery.id)).provider_message_id).toBe('msg-1')
    expect((await kairos.api('GET', '/api/contacts/ana')).body.tags).toEqual(['noticed'])
  })

  it('keeps a "delivered" the provider reports before it answers the send, and applies it once the send is recorded', async () => {
    const early: Array<{ answer: unknown; status: string; held: unknown }> = []
    provider.beforeAnswer(async ({ msgid, form }) => {
      const answer = await postReport(statusReport(RECEIPT_SECRET, [{ msgid, outid: form.outid, status: 'DELIVRD', time: '2027-03-02T04:00:00.250Z' }]))
      const { status, held_receipts } = await row(form.outid)
      early.push({ answer: answer.json(), status, held: held_receipts })
    })
    await notify('bea')
    provider.beforeAnswer(undefined)
    // While the send was unanswered the delivery was queued: the report was kept on it, not dropped.
    expect(early).toEqual([{ answer: { received: 1, recorded: 1, unmatched: 0 }, status: 'queued', held: [{ status: 'delivered', at: '2027-03-02T04:00:00.250Z' }] }])
    const delivery = await deliveryOf('bea')
    expect(delivery).toMatchObject({ status: 'delivered', receipts: { delivered: '2027-03-02T04:00:00.250Z' }, error: null })
    expect((await row(delivery.id)).held_receipts).toBeNull()
    expect(await eventsNamed('bea', 'message.delivered')).toEqual([{ occurred_at: new Date('2027-03-02T04:00:00.250Z') }])
    expect((await kairos.api('GET', '/api/contacts/bea')).body.tags.sort()).toEqual(['delivered', 'noticed'])

    // The provider sends the same report again later: recorded, and nothing emitted twice.
    const again = await postReport(statusReport(RECEIPT_SECRET, [{ msgid: 'msg-2', status: 'DELIVRD', time: '2027-03-02T04:00:00.250Z' }]))
    expect(again.json()).toEqual({ received: 1, recorded: 1, unmatched: 0 })
    await kairos.drain()
    expect(await eventsNamed('bea', 'message.delivered')).toHaveLength(1)
    expect((await kairos.api('GET', '/api/runs?contact=bea')).body.runs).toHaveLength(2)
  })

  it('fails the delivery with the provider\'s reason when its early report is a failure, after the run went on through sent', async () => {
    provider.beforeAnswer(async ({ form }) => void (await postReport(statusReport(RECEIPT_SECRET, [{ outid: form.outid, status: 'UNDELIV', errmsg: 'user left the company' }]))))
    await notify('cai')
    provider.beforeAnswer(undefined)
    expect(await deliveryOf('cai')).toMatchObject({ status: 'failed', error: 'UNDELIV: user left the company', receipts: { failed: expect.any(String) } })
    expect(await eventsNamed('cai', 'message.failed')).toHaveLength(1)
    expect((await kairos.api('GET', '/api/contacts/cai')).body.tags).toEqual(['noticed'])
  })

  it('settles as sent a delivery whose attempt failed after the provider reported it delivered, so the run does not take its failed port', async () => {
    provider.beforeAnswer(async ({ form }) => void (await postReport(statusReport(RECEIPT_SECRET, [{ outid: form.outid, status: 'DELIVRD', time: '2027-03-02T04:00:00.500Z' }]))))
    provider.refuseWith({ errcode: 45009, errmsg: 'duplicate message' })
    await notify('eve')
    provider.beforeAnswer(undefined)
    provider.refuseWith(undefined)
    expect(await deliveryOf('eve')).toMatchObject({ status: 'delivered', error: null, receipts: { delivered: '2027-03-02T04:00:00.500Z' } })
    expect((await kairos.api('GET', '/api/contacts/eve')).body.tags).toContain('noticed')
  })

  it('keeps no report for a delivery deferred to later: nothing was sent yet', async () => {
    expect((await kairos.api('PUT', '/api/policies', { quietHours: { from: '00:00', to: '23:59' } })).status).toBe(200)
    await notify('dan')
    const delivery = await deliveryOf('dan')
    expect(delivery.status).toBe('scheduled')
    const report = await postReport(statusReport(RECEIPT_SECRET, [{ outid: delivery.id, status: 'DELIVRD' }]))
    expect(report.json()).toEqual({ received: 1, recorded: 0, unmatched: 1 })
    expect((await row(delivery.id)).held_receipts).toBeNull()
    const direct = await kairos.api('POST', `/api/deliveries/${delivery.id}/status`, { status: 'delivered' })
    expect([direct.status, direct.body.error.message]).toEqual([409, 'delivery is deferred: nothing was sent to receive a receipt for'])
  })
})
