import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { userSession } from '../support/test-auth.ts'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// "Send a test message" (POST /api/channels/:name/test): one message through the channel's
// definition right away, answered with what the provider said; a refusal is an answer, not an
// error; only an administrator may send one, and nothing is stored as a delivery.
describe('a channel test message', () => {
  const provider = fakeHttpProvider((status) => (status < 300 ? { id: 'prov-77' } : { error: 'bad token' }))
  let kairos: TestKairos
  let url: string

  beforeAll(async () => {
    url = await provider.listen()
    kairos = await startTestKairos()
    const put = await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: `${url}/sms`, token: 'sk-test-1' }, ratePerSecond: 0.001 })
    expect(put.status).toBe(200)
  })
  afterEach(() => void (provider.received.length = 0))
  afterAll(async () => {
    await kairos?.stop()
    await provider.close()
  })

  it('sends to the provider at once, with the channel secret, and answers its outcome', async () => {
    const reply = await kairos.api('POST', '/api/channels/sms-main/test', { to: '+8613900000001', body: '测试消息' })
    expect(reply.status).toBe(200)
    expect(reply.body).toMatchObject({ ok: true, response: { status: 200, body: { id: 'prov-77' } } })
    expect(provider.received).toHaveLength(1)
    expect(provider.received[0].headers.authorization).toBe('Bearer sk-test-1')
    expect(provider.received[0].body).toMatchObject({ channel: 'sms', to: '+8613900000001', body: '测试消息' })
    // A test message is no delivery: the outbox stays empty, so no report or cap counts it.
    expect((await kairos.api('GET', '/api/deliveries')).body.deliveries).toEqual([])
  })

  it('sends the default text when no body is given, despite a rate limit that would queue a delivery', async () => {
    const reply = await kairos.api('POST', '/api/channels/sms-main/test', { to: '+8613900000002' })
    expect(reply.body.ok).toBe(true)
    expect(provider.received[0].body.body).toBe('Test message from Kairos')
  })

  it("answers a provider's refusal as an outcome: not ok, whether a delivery would retry, the reason", async () => {
    provider.script([401])
    const refused = await kairos.api('POST', '/api/channels/sms-main/test', { to: '+8613900000003' })
    expect(refused.status).toBe(200)
    expect(refused.body).toMatchObject({ ok: false, retryable: false, error: 'provider answered HTTP 401', response: { status: 401, body: { error: 'bad token' } } })
    provider.script([503])
    const down = await kairos.api('POST', '/api/channels/sms-main/test', { to: '+8613900000003' })
    expect(down.body).toMatchObject({ ok: false, retryable: true })
    // Once: no retry behind the answer.
    expect(provider.received).toHaveLength(2)
  })

  it('names the field of bad input and an unknown channel', async () => {
    const bad = await kairos.api('POST', '/api/channels/sms-main/test', { body: 'no recipient' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.details[0].field).toBe('body.to')
    const missing = await kairos.api('POST', '/api/channels/nope/test', { to: '+1' })
    expect(missing.status).toBe(404)
    expect(missing.body.error.message).toBe('channel "nope" does not exist')
    expect(provider.received).toHaveLength(0)
  })

  it('is for administrators only: an editor is refused and nothing is sent', async () => {
    const editor = await userSession(kairos.app, kairos.authHeaders, { email: 'ed@shop.example', role: 'editor' })
    const refused = await editor.api('POST', '/api/channels/sms-main/test', { to: '+8613900000004' })
    expect(refused.status).toBe(403)
    expect(provider.received).toHaveLength(0)
  })

  it('is in the audit trail with its outcome', async () => {
    const { rows } = await kairos.core.database.pool.query(`select diff from audit_log where action = 'channel.test' order by at`)
    expect(rows.length).toBeGreaterThanOrEqual(4)
    expect(rows[0].diff).toMatchObject({ to: '+8613900000001', ok: true })
  })
})
