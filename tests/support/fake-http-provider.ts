import { createServer, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  headers: IncomingHttpHeaders
  body: any
  raw: string
  at: number
}

/**
 * A stand-in for an outside provider: a real HTTP server on 127.0.0.1 that
 * answers with the scripted statuses in turn (200 once the script runs out)
 * and records every request it gets.
 */
export function fakeHttpProvider(answer: (status: number, request: ReceivedRequest) => unknown = (status) => (status < 300 ? { ok: true } : { error: 'try later' })) {
  const received: ReceivedRequest[] = []
  let script: number[] = []
  const server: Server = createServer((request, response) => {
    let raw = ''
    request.on('data', (chunk) => (raw += chunk))
    request.on('end', () => {
      let body: unknown = raw
      try {
        body = JSON.parse(raw)
      } catch {
        // keep the text
      }
      const entry = { headers: request.headers, body, raw, at: Date.now() }
      received.push(entry)
      const status = script.shift() ?? 200
      response.writeHead(status, { 'content-type': 'application/json' })
      response.end(JSON.stringify(answer(status, entry)))
    })
  })
  return {
    received,
    script: (statuses: number[]) => void (script = statuses),
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
