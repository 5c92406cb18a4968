import { join } from 'node:path'
import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { REPO_ROOT } from '@kairos/server'
import { addJobs, advanceJobSpecs } from '../../packages/server/src/execution/jobs.ts'
import { fakeWhatsAppCloud, statusesWebhook } from '../fixtures/fake-whatsapp-cloud.ts'
import { logIn, TEST_ADMIN, userSession, type SessionClient } from '../support/test-auth.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

const PHONE_ID = '106540352242922'
const TOKEN = 'EAAJB3-system-user-token'
const APP_SECRET = 'meta-app-secret-0123'
const VERIFY = 'verify-me-please'

// examples/whatsapp, loaded as an operator loads a plugin folder: the whatsapp.cloud channel kind
// and the send.whatsapp node, from a package outside nodes/ and channels/, against a stand-in for
// the Cloud API that checks the protocol.
describe('the WhatsApp example package', () => {
  const whatsapp = fakeWhatsAppCloud({ phoneNumberId: PHONE_ID, token: TOKEN, version: 'v21.0' })
  let kairos: TestKairos
  let admin: SessionClient
  let baseUrl: string
  let flowId: string

  const runOf = async (contact: string) => {
    const { runs } = (await kairos.api('GET', `/api/runs?contact=${contact}`)).body
    return (await kairos.api('GET', `/api/runs/${runs[0].id}`)).body
  }
  const deliveriesOf = async (contact: string) => (await kairos.api('GET', `/api/deliveries?contact=${contact}`)).body.deliveries
  const ship = async (contact: string, phone: string, order: string) => {
    await kairos.api('PUT', `/api/contacts/${contact}`, { attributes: { name: contact[0].toUpperCase() + contact.slice(1), phone } })
    await kairos.api('POST', '/api/events', { contact, name: 'order_shipped', properties: { order } })
    await kairos.drain()
  }
  const postReceipts = (raw: string, headers: Record<string, string>) =>
    kairos.app.inject({ method: 'POST', url: '/api/channels/wa-main/receipts', headers: { 'content-type': 'application/json', ...headers }, payload: raw })

  beforeAll(async () => {
    baseUrl = await whatsapp.listen()
    kairos = await startTestKairos({ pluginDirs: [join(REPO_ROOT, 'examples')] })
    admin = await logIn(kairos.app, TEST_ADMIN.email, TEST_ADMIN.password)
  })
  afterAll(async () => {
    await kairos?.stop()
    await whatsapp.close()
  })

  it('loads as one package with a channel kind and a node type', async () => {
    const plugins = (await kairos.api('GET', '/api/plugins')).body.plugins
    expect(plugins).toContainEqual(expect.objectContaining({ package: 'kairos-plugin-whatsapp', status: 'loaded', nodeTypes: ['send.whatsapp@1'], channelKinds: ['whatsapp.cloud'] }))
    const kinds = (await kairos.api('GET', '/api/channel-kinds')).body.kinds
    expect(kinds.find((k: any) => k.kind === 'whatsapp.cloud')).toMatchObject({ carries: 'whatsapp', title: 'WhatsApp Cloud API', secret: ['token', 'appSecret', 'verifyToken'] })
    expect(kinds.map((k: any) => k.kind)).toEqual(expect.arrayContaining(['sms.http', 'email.smtp', 'wecom.robot', 'call.http', 'webhook']))
  })

  it('is configured by an admin through PUT /api/channels, secrets sealed and masked, bad config refused by field', async () => {
    const editor = await userSession(kairos.app, kairos.authHeaders, { email: 'ed@kairos.test', role: 'editor' })
    const config = { phoneNumberId: PHONE_ID, token: TOKEN, appSecret: APP_SECRET, verifyToken: VERIFY, baseUrl }
    expect((await editor.api('PUT', '/api/channels/wa-main', { kind: 'whatsapp.cloud', config })).status).toBe(403)
    const put = await admin.api('PUT', '/api/channels/wa-main', { kind: 'whatsapp.cloud', config })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ kind: 'whatsapp.cloud', carries: 'whatsapp', config: { baseUrl, apiVersion: 'v21.0', token: '••••••••' } })
    expect(put.body.secretsSet.sort()).toEqual(['appSecret', 'token', 'verifyToken'])
    const { rows } = await kairos.core.database.pool.query(`select secrets from channels where name = 'wa-main'`)
    expect(rows[0].secrets).not.toContain(TOKEN)
    const bad = await admin.api('PUT', '/api/channels/wa-bad', { kind: 'whatsapp.cloud', config: { ...config, phoneNumberId: '+1 555', baseUrl: 'ftp://graph' } })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details.map((d: any) => d.field).sort()).toEqual(['body.config.baseUrl', 'body.config.phoneNumberId'])
  })

  it('sends the template with its Liquid parameters, and the run goes on through sent with WhatsApp\'s message id', async () => {
    flowId = await publishFlow(kairos, 'Order shipped on WhatsApp', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'order_shipped' } },
        { id: 'wa', type: 'send.whatsapp', config: { channel: 'wa-main', template: 'order_shipped', language: 'pt_BR', parameters: ['{{ contact.name }}', '{{ event.properties.order }}'], category: 'transactional' } },
        { id: 'read', type: 'wait.event', config: { event: 'message.delivered', timeout: '1d' } },
        { id: 'delivered', type: 'tag', config: { add: ['wa-delivered'] } },
        { id: 'ko', type: 'tag', config: { add: ['wa-failed'] } },
      ],
      edges: [
        { source: 'in', target: 'wa' }, { source: 'wa', sourcePort: 'next', target: 'read' }, { source: 'wa', sourcePort: 'failed', target: 'ko' },
        { source: 'read', sourcePort: 'received', target: 'delivered' },
      ],
      settings: { reentry: 'always' },
    })
    await ship('ana', '+5511987654321', 'A-1001')
    expect(whatsapp.acceptedFor('+5511987654321')).toHaveLength(1)
    const [request] = whatsapp.requests
    expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`)
    expect(request.body).toMatchObject({
      messaging_product: 'whatsapp', to: '+5511987654321', type: 'template',
      template: { name: 'order_shipped', language: { code: 'pt_BR' }, components: [{ type: 'body', parameters: [{ type: 'text', text: 'Ana' }, { type: 'text', text: 'A-1001' }] }] },
    })
    const run = await runOf('ana')
    expect(run.steps.map((s: any) => `${s.node}:${s.port}`)).toEqual(['in:next', 'wa:next'])
    expect(run.steps[1].result).toMatchObject({ status: 'sent', to: '+5511987654321', template: 'order_shipped' })
    const [delivery] = await deliveriesOf('ana')
    expect(delivery).toMatchObject({ channel: 'whatsapp', provider: 'wa-main', status: 'sent', attempts: 1, body: 'order_shipped (pt_BR): Ana | A-1001' })
    expect(delivery.providerResponse).toEqual({ status: 200, body: expect.objectContaining({ messages: [{ id: whatsapp.accepted[0].id }] }) })
    const { rows } = await kairos.core.database.pool.query(`select provider_message_id from deliveries where id = $1`, [delivery.id])
    expect(rows[0].provider_message_id).toBe(whatsapp.accepted[0].id)
  })

  it('turns a signed statuses webhook into message.delivered, which the journey waits for; an unsigned one is refused', async () => {
    const wamid = whatsapp.acceptedFor('+5511987654321')[0].id
    const delivered = statusesWebhook(PHONE_ID, APP_SECRET, [{ id: wamid, status: 'delivered', timestamp: String(Math.floor(kairos.now().getTime() / 1000)), recipient_id: '5511987654321' }])
    const forged = await postReceipts(delivered.raw, { 'x-hub-signature-256': `sha256=${'0'.repeat(64)}` })
    expect(forged.statusCode).toBe(401)
    expect(forged.json().error.code).toBe('KAIROS_UNAUTHORIZED')
    expect((await postReceipts(delivered.raw, {})).statusCode).toBe(401)
    expect((await deliveriesOf('ana'))[0].status).toBe('sent')

    const accepted = await postReceipts(delivered.raw, { 'x-hub-signature-256': delivered.signature })
    expect(accepted.statusCode).toBe(200)
    expect(accepted.json()).toEqual({ received: 1, recorded: 1, unmatched: 0 })
    await kairos.drain()
    expect((await deliveriesOf('ana'))[0]).toMatchObject({ status: 'delivered', receipts: { delivered: expect.any(String) } })
    expect((await kairos.api('GET', '/api/contacts/ana')).body.tags).toContain('wa-delivered')
    expect((await runOf('ana')).steps.map((s: any) => s.node)).toEqual(['in', 'wa', 'read', 'delivered'])

    // Another number's statuses, and a message of no delivery of this channel, record nothing.
    const others = statusesWebhook('999999999', APP_SECRET, [{ id: wamid, status: 'read', timestamp: '1700000000' }])
    expect((await postReceipts(others.raw, { 'x-hub-signature-256': others.signature })).json()).toEqual({ received: 0, recorded: 0, unmatched: 0 })
    const unknown = statusesWebhook(PHONE_ID, APP_SECRET, [{ id: 'wamid.unknown', status: 'read', timestamp: '1700000000' }])
    expect((await postReceipts(unknown.raw, { 'x-hub-signature-256': unknown.signature })).json()).toEqual({ received: 1, recorded: 0, unmatched: 1 })
  })

  it('answers the webhook subscription check with the challenge only for the channel\'s verify token', async () => {
    const check = (token: string) => kairos.app.inject({ method: 'GET', url: `/api/channels/wa-main/receipts?hub.mode=subscribe&hub.verify_token=${token}&hub.challenge=1158201444` })
    const ok = await check(VERIFY)
    expect(ok.statusCode).toBe(200)
    expect(ok.body).toBe('1158201444')
    expect((await check('guess')).statusCode).toBe(403)
    expect((await kairos.app.inject({ method: 'GET', url: '/api/channels/no-such/receipts' })).statusCode).toBe(404)
  })

  it('retries a 503 with backoff and sends exactly one message; a connection cut after the request is not retried', async () => {
    whatsapp.script([503])
    await ship('bia', '+5511900000002', 'B-2002')
    expect((await deliveriesOf('bia'))[0]).toMatchObject({ status: 'queued', attempts: 1, error: 'WhatsApp error 2 (OAuthException): Service temporarily unavailable' })
    expect((await runOf('bia')).status).toBe('waiting')
    await kairos.advance('10s')
    expect(whatsapp.acceptedFor('+5511900000002')).toHaveLength(1)
    expect((await deliveriesOf('bia'))[0]).toMatchObject({ status: 'sent', attempts: 2, error: null })

    // WhatsApp got the request and may have taken it (the Graph API has no Idempotency-Key): sent again,
    // it could reach the phone twice, so the delivery fails for good, saying so.
    whatsapp.script(['drop'])
    await ship('caio', '+5511900000003', 'C-3003')
    await kairos.advance('10s')
    expect((await deliveriesOf('caio'))[0]).toMatchObject({
      status: 'failed', attempts: 1, error: expect.stringMatching(/^unknown whether WhatsApp accepted the message; not retried to avoid a duplicate \(provider unreachable: /),
    })
    expect((await runOf('caio')).steps.map((s: any) => `${s.node}:${s.port}`)).toEqual(['in:next', 'wa:failed', 'ko:next'])
  })

  it('does not send again when the advance that ran the step runs again', async () => {
    const run = await runOf('bia')
    // As graphile-worker reruns a job whose worker died after it committed: every ticket this run had before.
    const { rows } = await sql<{ seq: number }>`select seq from runs where id = ${run.id}`.execute(kairos.core.database.db)
    // (Not its current one: that is the wait for message.delivered, whose timeout it would be.)
    const tickets = Array.from({ length: rows[0].seq }, (_, seq) => ({ run: run.id, seq, runAt: kairos.now() }))
    await addJobs(kairos.core.database.db, advanceJobSpecs(tickets))
    await kairos.drain()
    expect(await deliveriesOf('bia')).toHaveLength(1)
    expect(whatsapp.acceptedFor('+5511900000002')).toHaveLength(1)
  })

  it('fails the step with WhatsApp\'s error when the template is refused (4xx), without retrying', async () => {
    const before = whatsapp.requests.length
    await kairos.api('PUT', `/api/flows/${flowId}`, { graph: {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'promo' } },
        { id: 'wa', type: 'send.whatsapp', config: { channel: 'wa-main', template: 'not_approved' } },
        { id: 'ko', type: 'tag', config: { add: ['wa-failed'] } },
      ],
      edges: [{ source: 'in', target: 'wa' }, { source: 'wa', sourcePort: 'failed', target: 'ko' }],
    } })
    expect((await kairos.api('POST', `/api/flows/${flowId}/publish`)).status).toBe(200)
    await kairos.api('PUT', '/api/contacts/dora', { attributes: { phone: '+5511900000004' } })
    await kairos.api('POST', '/api/events', { contact: 'dora', name: 'promo' })
    await kairos.drain()
    expect(whatsapp.requests.length - before).toBe(1)
    const run = await runOf('dora')
    expect(run.steps.map((s: any) => `${s.node}:${s.port}`)).toEqual(['in:next', 'wa:failed', 'ko:next'])
    expect(run.steps[1].result).toMatchObject({ status: 'failed', error: 'WhatsApp error 132001 (OAuthException): (#132001) Template name does not exist in the translation' })
  })

  it('is held to consent and caps by its channel name, whatsapp, like any built-in channel, and counted in the flow report', async () => {
    const put = await kairos.api('PUT', '/api/policies', {
      caps: [{ channel: 'whatsapp', max: 1, per: '1d' }],
      consent: { attribute: 'consent', channels: ['sms', 'email', 'call', 'whatsapp'], stopEvents: [] },
    })
    expect(put.status).toBe(200)
    const promo = await publishFlow(kairos, 'WhatsApp promo', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'sale' } },
        { id: 'wa', type: 'send.whatsapp', config: { channel: 'wa-main', template: 'summer_sale', parameters: ['{{ contact.name | default: "there" }}'] } },
      ],
      edges: [{ source: 'in', target: 'wa' }],
      settings: { reentry: 'always' },
    })
    await kairos.api('PUT', '/api/contacts/eva', { attributes: { phone: '+5511900000005' } })
    await kairos.api('PUT', '/api/contacts/fil', { attributes: { phone: '+5511900000006', consent: { whatsapp: false } } })
    for (const contact of ['eva', 'eva', 'fil']) {
      await kairos.api('POST', '/api/events', { contact, name: 'sale' })
      await kairos.drain()
    }
    const reasons = async (contact: string) => (await deliveriesOf(contact)).filter((d: any) => d.flowId === promo).map((d: any) => `${d.status}${d.status === 'suppressed' ? ` ${d.error}` : ''}`).sort()
    expect(await reasons('eva')).toEqual(['sent', 'suppressed cap: whatsapp 1 per 1d'])
    expect(await reasons('fil')).toEqual(['suppressed consent: whatsapp opted out (consent.whatsapp = false)'])
    expect(whatsapp.acceptedFor('+5511900000006')).toEqual([])
    // The clock stands still in this test: a window ending a minute on holds the runs that entered just now.
    const report = (await kairos.api('GET', `/api/flows/${promo}/report?to=${new Date(kairos.now().getTime() + 60_000).toISOString()}`)).body
    expect(report.messages.wa).toMatchObject({ channel: 'whatsapp', sent: 1, suppressed: 2 })
  })
})
