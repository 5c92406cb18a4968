import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { deliveryBackoffMs } from '../src/channel/index.ts'
import { defineChannel, HttpUrl, httpOutcome, ReceiptRefused, type SendOutcome } from '../src/define-channel.ts'
import { EffectFailure } from '../src/effects/effect-policy.ts'
import { getReceiptChallenge, ManualClock, postReceipts, testChannel } from '../src/testing/index.ts'
import { loopbackServer } from './support/loopback.ts'

/**
 * A provider on 127.0.0.1 in the WeCom style: `GET /gettoken?corpid&corpsecret` answers a token,
 * `POST /send?access_token` takes a form; `/status/<n>` answers n. Every request is recorded.
 */
function fakeProvider() {
  return loopbackServer((request, response) => {
    const url = new URL(request.url, 'http://x')
    const json = (status: number, value: unknown) => response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value))
    if (url.pathname === '/gettoken' && request.method === 'GET')
      return url.searchParams.get('corpsecret') === 's3cret' ? json(200, { errcode: 0, access_token: 'T-1' }) : json(200, { errcode: 40001, errmsg: 'invalid secret' })
    if (url.pathname === '/send' && request.method === 'POST') {
      if (url.searchParams.get('access_token') !== 'T-1') return json(200, { errcode: 42001, errmsg: 'access_token expired' })
      if (request.headers['content-type'] !== 'application/x-www-form-urlencoded') return json(415, { errmsg: 'form expected' })
      return json(200, { errcode: 0, msgid: `m-${new URLSearchParams(request.body).get('to')}` })
    }
    const status = /^\/status\/(\d+)$/.exec(url.pathname)
    if (status) return json(Number(status[1]), { status: Number(status[1]) })
    json(404, { errmsg: 'no such path' })
  })
}

const provider = fakeProvider()
let base: string
beforeAll(async () => void (base = await provider.listen()))
afterAll(() => provider.close())
beforeEach(() => void (provider.received.length = 0))

/** What a message's body tells the kind to do, so one definition shows each rule. */
const acme = defineChannel({
  kind: 'notice.acme',
  carries: 'notice',
  title: 'Acme notices',
  config: Type.Object({ baseUrl: HttpUrl(), secret: Type.String({ minLength: 1 }), agent: Type.Integer({ default: 1000002 }), elsewhere: Type.Optional(HttpUrl()) }),
  secret: ['secret'],
  destinations: (config) => [{ field: 'baseUrl', url: config.baseUrl }],
  async send(message, ctx): Promise<SendOutcome> {
    const { baseUrl, secret, agent } = ctx.config
    switch (message.body) {
      case 'elsewhere': return httpOutcome(await ctx.http.post(ctx.config.elsewhere ?? baseUrl, { json: {} }))
      case 'bad request': return httpOutcome(await ctx.http.request({ method: 'GET', url: `${baseUrl}/send`, json: {} }))
      case 'permanent': throw new EffectFailure('number refused', { retry: false, result: { code: 7 } })
      case 'old sdk': throw Object.assign(new Error('blocked'), { retry: false, response: { code: 8 } })
      case 'throw': throw new Error('socket trouble')
      case 'nonsense': return { status: 'maybe' } as unknown as SendOutcome
      case 'hang': return new Promise<SendOutcome>(() => {})
      case 'status': return httpOutcome(await ctx.http.post(`${baseUrl}/status/${message.to}`, {}))
      case 'smtp': return { status: 'sent', response: await ctx.addresses(message.to, 25) }
    }
    const token = await ctx.http.request({ url: `${baseUrl}/gettoken`, query: { corpid: 'ww1', corpsecret: secret } })
    const accessToken = (token.body as { access_token?: string }).access_token
    if (!accessToken) return { status: 'failed', retry: false, error: `token: ${token.text}` }
    const sent = await ctx.http.post(`${baseUrl}/send`, { query: { access_token: accessToken }, form: { to: message.to, text: message.body, agentid: agent, key: ctx.idempotencyKey } })
    return httpOutcome(sent, { messageId: (body) => (body as { msgid?: string }).msgid })
  },
  receipt: {
    parse(request, ctx) {
      if (request.headers['x-secret'] !== ctx.config.secret) throw new ReceiptRefused('wrong x-secret')
      const body = JSON.parse(request.rawBody) as { id: string; state: string }
      return body.state === 'odd' ? ([{ providerMessageId: body.id, status: 'odd' }] as never) : [{ providerMessageId: body.id, status: 'delivered' }]
    },
    challenge: (query, ctx) => (query.echo && query.secret === ctx.config.secret ? query.echo : null),
  },
})

describe('testChannel', () => {
  it('fetches a token with a GET query, then posts a form with it, and returns what was sent and what came of it', async () => {
    const outcome = await testChannel(acme, { config: { baseUrl: base, secret: 's3cret' }, message: { to: 'ana', body: 'Renewal due' } })
    expect(outcome).toMatchObject({ status: 'sent', providerMessageId: 'm-ana', response: { status: 200, body: { errcode: 0, msgid: 'm-ana' } }, config: { agent: 1000002 } })
    expect(outcome.requests).toEqual([
      { attempt: 1, method: 'GET', url: `${base}/gettoken?corpid=ww1&corpsecret=s3cret`, headers: {} },
      {
        attempt: 1, method: 'POST', url: `${base}/send?access_token=T-1`, headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'to=ana&text=Renewal+due&agentid=1000002&key=run%3Atest-run%3Astep%3A1%3Anotice',
      },
    ])
    expect(provider.received.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /gettoken?corpid=ww1&corpsecret=s3cret', 'POST /send?access_token=T-1'])
  })

  it('retries what the server retries, the backoff on the manual clock, and gives up after the last attempt', async () => {
    const clock = new ManualClock('2026-03-01T09:00:00Z')
    const outcome = await testChannel(acme, { config: { baseUrl: base, secret: 's3cret' }, message: { to: '503', body: 'status' }, clock, maxAttempts: 3 })
    expect(outcome).toMatchObject({ status: 'failed', error: 'provider answered HTTP 503', response: { status: 503 } })
    expect(outcome.attempts.map((a) => a.at.getTime() - Date.parse('2026-03-01T09:00:00Z'))).toEqual([0, deliveryBackoffMs(1), deliveryBackoffMs(1) + deliveryBackoffMs(2)])
    const once = await testChannel(acme, { config: { baseUrl: base, secret: 's3cret' }, message: { to: '400', body: 'status' } })
    expect(once).toMatchObject({ status: 'failed', attempts: [{ answer: { ok: false, retry: false } }] })
    const thrown = await testChannel(acme, { config: { baseUrl: base, secret: 's3cret' }, message: { to: 'x', body: 'throw' }, maxAttempts: 2 })
    expect(thrown).toMatchObject({ status: 'failed', error: 'channel kind notice.acme failed: socket trouble', attempts: [{ answer: { retry: true } }, {}] })
  })

  it('fails at once an EffectFailure with retry: false, or a look-alike of an older SDK, keeping what it carries', async () => {
    const config = { baseUrl: base, secret: 's3cret' }
    expect(await testChannel(acme, { config, message: { to: 'x', body: 'permanent' } })).toMatchObject({ status: 'failed', error: 'number refused', response: { code: 7 }, attempts: [{}] })
    expect(await testChannel(acme, { config, message: { to: 'x', body: 'old sdk' } })).toMatchObject({ status: 'failed', error: 'blocked', response: { code: 8 }, attempts: [{}] })
    expect(await testChannel(acme, { config, message: { to: 'x', body: 'nonsense' } })).toMatchObject({
      status: 'failed', attempts: [{}], error: expect.stringContaining('channel kind notice.acme returned no outcome'),
    })
  })

  it('refuses an origin the kind does not declare, and a request Kairos cannot make, for good and before sending', async () => {
    const refused = await testChannel(acme, { config: { baseUrl: base, secret: 's3cret', elsewhere: 'http://127.0.0.2:9/x' }, message: { to: 'x', body: 'elsewhere' } })
    expect(refused).toMatchObject({ status: 'failed', attempts: [{}], error: 'destination refused: 127.0.0.2:9 is not among the destinations this channel\'s kind declares for its config' })
    const bad = await testChannel(acme, { config: { baseUrl: base, secret: 's3cret' }, message: { to: 'x', body: 'bad request' } })
    expect(bad).toMatchObject({ status: 'failed', attempts: [{}], error: 'ctx.http: a GET request has no body' })
    expect(provider.received).toEqual([])
  })

  it('counts a send still running at the attempt\'s end as failed, to retry', async () => {
    const outcome = await testChannel(acme, { config: { baseUrl: base, secret: 's3cret' }, message: { to: 'x', body: 'hang' }, attemptTimeoutMs: 50, maxAttempts: 2 })
    expect(outcome).toMatchObject({ status: 'failed', error: 'channel kind notice.acme did not finish within 50 ms', attempts: [{ answer: { retry: true } }, {}] })
  })

  it('says a provider it cannot reach is unreachable, and retries it', async () => {
    const closed = createServer()
    const port = await new Promise<number>((resolve) => closed.listen(0, '127.0.0.1', () => resolve((closed.address() as AddressInfo).port)))
    await new Promise((resolve) => closed.close(resolve))
    const outcome = await testChannel(acme, { config: { baseUrl: `http://127.0.0.1:${port}`, secret: 's' }, message: { to: 'x', body: 'status' }, maxAttempts: 2 })
    expect(outcome.attempts.map((a) => a.answer)).toEqual([
      { ok: false, retry: true, error: expect.stringMatching(/^provider unreachable: /) },
      { ok: false, retry: true, error: expect.stringMatching(/^provider unreachable: /) },
    ])
  })

  it('gives addresses of a declared host and port only', async () => {
    const smtp = defineChannel({ ...acme, kind: 'notice.smtp', destinations: () => [{ field: 'host', host: 'mail.test', port: 25 }] })
    const resolve = async () => [{ address: '192.0.2.1', family: 4 as const }]
    expect(await testChannel(smtp, { config: { baseUrl: base, secret: 's' }, message: { to: 'mail.test', body: 'smtp' }, resolve })).toMatchObject({
      status: 'sent', response: [{ address: '192.0.2.1', family: 4 }],
    })
    expect(await testChannel(smtp, { config: { baseUrl: base, secret: 's' }, message: { to: 'other.test', body: 'smtp' }, resolve })).toMatchObject({
      status: 'failed', error: 'destination refused: other.test:25 is not among the destinations this channel\'s kind declares for its config',
    })
  })

  it('refuses a config the server would refuse, naming every field', async () => {
    await expect(testChannel(acme, { config: { baseUrl: 'ftp://x', secret: '', agent: 'one' }, message: { to: 'x', body: 'y' } })).rejects.toThrow(
      'config refused: config.baseUrl must match pattern "^https?://"; config.secret must NOT have fewer than 1 characters; config.agent must be integer',
    )
  })
})

describe('postReceipts and getReceiptChallenge', () => {
  const config = { baseUrl: 'https://acme.example', secret: 's3cret' }

  it('answer as the receipt route does: 200 with the updates, 401 for a request not the provider\'s, 400 for one the kind cannot read', async () => {
    expect(await postReceipts(acme, { config, headers: { 'X-Secret': 's3cret' }, rawBody: '{"id":"m-1","state":"ok"}' })).toEqual({
      status: 200, updates: [{ providerMessageId: 'm-1', status: 'delivered' }],
    })
    expect(await postReceipts(acme, { config, headers: { 'x-secret': 'guess' }, rawBody: '{}' })).toEqual({ status: 401, error: 'receipt refused: wrong x-secret' })
    expect(await postReceipts(acme, { config, headers: { 'x-secret': 's3cret' }, rawBody: 'not json' })).toMatchObject({
      status: 400, error: expect.stringMatching(/^body cannot be read as notice\.acme receipts: /),
    })
  })

  it('throw when parse returns something that is not receipt updates, as the server fails such a kind', async () => {
    await expect(postReceipts(acme, { config, headers: { 'x-secret': 's3cret' }, rawBody: '{"id":"m-1","state":"odd"}' })).rejects.toThrow(
      'channel kind notice.acme: receipt.parse returned receipts[0].status',
    )
  })

  it('echo a URL check the kind confirms, and answer 403 to one it does not', () => {
    expect(getReceiptChallenge(acme, { config, query: { echo: '42', secret: 's3cret' } })).toEqual({ status: 200, body: '42' })
    expect(getReceiptChallenge(acme, { config, query: { echo: '42' } })).toEqual({ status: 403 })
  })
})
