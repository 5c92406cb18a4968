import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { guardedRequest } from '../src/outbound/guarded-request.ts'
import { OutboundGuard } from '../src/outbound/outbound-guard.ts'

// An effect's request redirected to another origin takes along no header that could carry a
// credential (an API key header, a cookie, a signature), not only Authorization.
describe('guardedRequest on a redirect to another origin', () => {
  const seen: Array<{ method: string; url: string; headers: IncomingHttpHeaders; body: string }> = []
  const server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      seen.push({ method: request.method!, url: request.url!, headers: request.headers, body })
      const moved = /^\/307(.+)$/.exec(request.url!)
      if (moved) response.writeHead(307, { location: moved[1] }).end()
      else response.writeHead(200).end('ok')
    })
  })
  let port: number
  beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => ((port = (server.address() as AddressInfo).port), resolve()))))
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))
  const guard = new OutboundGuard(['provider.test', '127.0.0.1'], async () => [{ address: '127.0.0.1', family: 4 }])
  const headers = { Authorization: 'Bearer t', 'X-Api-Key': 'k-1', Cookie: 'session=1', 'X-Signature': 'v1=abc', 'Idempotency-Key': 'run:1:2:effect:http', 'Content-Type': 'application/json' }
  const post = (url: string, onRedirect?: (url: string) => void) => guardedRequest(guard, url, { method: 'POST', headers, body: '{"a":1}', timeoutMs: 2000, onRedirect })

  it('keeps only Content-Type and Idempotency-Key (and the 307 body); the same origin keeps everything', async () => {
    seen.length = 0
    await post(`http://provider.test:${port}/307http://127.0.0.1:${port}/after`)
    expect(seen[1]).toMatchObject({ method: 'POST', url: '/after', body: '{"a":1}', headers: { 'content-type': 'application/json', 'idempotency-key': 'run:1:2:effect:http' } })
    for (const name of ['authorization', 'x-api-key', 'cookie', 'x-signature']) expect(seen[1].headers[name]).toBeUndefined()

    seen.length = 0
    await post(`http://provider.test:${port}/307/after`)
    expect(seen[1].headers).toMatchObject({ authorization: 'Bearer t', 'x-api-key': 'k-1', cookie: 'session=1', 'x-signature': 'v1=abc' })
  })

  it('asks onRedirect before each hop, which refuses by throwing, before connecting there', async () => {
    seen.length = 0
    const asked: string[] = []
    const refuse = (url: string) => {
      asked.push(url)
      throw new Error('not declared')
    }
    await expect(post(`http://provider.test:${port}/307http://127.0.0.1:${port}/after`, refuse)).rejects.toThrow('not declared')
    expect(asked).toEqual([`http://127.0.0.1:${port}/after`])
    expect(seen.map((r) => r.url)).toEqual([`/307http://127.0.0.1:${port}/after`])
  })
})
