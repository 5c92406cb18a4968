import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { Type } from 'typebox'
import { defineChannel, HttpUrl, httpOutcome } from '../src/define-channel.ts'
import { fetchTransport, testChannel } from '../src/testing/index.ts'
import { loopbackServer } from './support/loopback.ts'

// Answers /moved/<url> with a 307 to <url>, /same with a 307 to /landed, anything else 200.
const provider = loopbackServer((request, response) => {
  const moved = /^\/moved\/(.+)$/.exec(request.url)
  if (moved) return response.writeHead(307, { location: decodeURIComponent(moved[1]) }).end()
  if (request.url === '/same') return response.writeHead(307, { location: '/landed' }).end()
  response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}')
})
const elsewhere = loopbackServer((request, response) => response.writeHead(200).end('taken'))
let base: string
let other: string
beforeAll(async () => {
  base = await provider.listen()
  other = await elsewhere.listen()
})
afterAll(async () => {
  await provider.close()
  await elsewhere.close()
})
beforeEach(() => {
  provider.received.length = 0
  elsewhere.received.length = 0
})

const secretHeaders = { authorization: 'Bearer s3cret', 'x-api-key': 'k-1', cookie: 'session=1', 'idempotency-key': 'run:1:2:effect:http', 'content-type': 'application/json' }

describe('the harness follows redirects as the server does', () => {
  it('keeps every header to the same origin, and to another origin only those that carry no credential, body and method on a 307', async () => {
    await fetchTransport({ method: 'POST', url: `${base}/same`, headers: secretHeaders, body: '{"a":1}', timeoutMs: 2000 }, AbortSignal.timeout(2000))
    expect(provider.received.map((r) => [r.method, r.url, r.headers.authorization, r.body])).toEqual([
      ['POST', '/same', 'Bearer s3cret', '{"a":1}'],
      ['POST', '/landed', 'Bearer s3cret', '{"a":1}'],
    ])

    const answer = await fetchTransport(
      { method: 'POST', url: `${base}/moved/${encodeURIComponent(`${other}/in`)}`, headers: secretHeaders, body: '{"a":1}', timeoutMs: 2000 },
      AbortSignal.timeout(2000),
    )
    expect(answer).toEqual({ status: 200, text: 'taken' })
    const [hop] = elsewhere.received
    expect(hop).toMatchObject({ method: 'POST', url: '/in', body: '{"a":1}', headers: { 'content-type': 'application/json', 'idempotency-key': 'run:1:2:effect:http' } })
    for (const name of ['authorization', 'x-api-key', 'cookie']) expect(hop.headers[name]).toBeUndefined()
  })
})

const notice = defineChannel({
  kind: 'notice.moved', carries: 'webhook', title: 'Moved notice', description: 'Posts to one URL',
  config: Type.Object({ url: HttpUrl() }, { additionalProperties: false }),
  secret: [],
  destinations: (config) => [{ field: 'url', url: String(config.url) }],
  async send(message, ctx) {
    return httpOutcome(await ctx.http.post(ctx.config.url, { headers: { authorization: 'Bearer s3cret' }, json: { to: message.to } }))
  },
})

describe('a channel whose provider redirects', () => {
  it('follows a redirect within its declared origin', async () => {
    const outcome = await testChannel(notice, { config: { url: `${base}/same` }, message: { to: 'ada', body: 'hi' }, maxAttempts: 1 })
    expect(outcome.status).toBe('sent')
    expect(provider.received.map((r) => r.url)).toEqual(['/same', '/landed'])
  })

  it('sends nothing to an origin it does not declare, and fails for good saying so', async () => {
    const outcome = await testChannel(notice, { config: { url: `${base}/moved/${encodeURIComponent(`${other}/in`)}` }, message: { to: 'ada', body: 'hi' } })
    expect(elsewhere.received).toHaveLength(0)
    expect(outcome).toMatchObject({
      status: 'failed',
      error: `destination refused: the provider redirected to ${new URL(other).host}, which is not among the destinations this channel's kind declares for its config`,
    })
    expect(outcome.attempts).toHaveLength(1)
  })
})
