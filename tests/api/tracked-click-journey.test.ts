import { createServer as createNetServer, type AddressInfo } from 'node:net'
import { createServer, type Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeWecom } from '../support/fake-wecom.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

const TOKEN = 'sms-token-7f3a'
const CORP = { corpId: 'ww1234567890abcdef', secret: 'app-secret-Zq81XbV', agentId: 1000002 }

/**
 * An SMS provider on 127.0.0.1 speaking the sms.http protocol: POST JSON `{ id, channel, to, body,
 * idempotencyKey }` with `Authorization: Bearer <token>` and an `Idempotency-Key` header equal to
 * the body's. Refuses a wrong token (401) or a missing field (400), as a provider would; keeps
 * what it accepted, for the test to read the link from, as the phone would.
 */
function fakeSmsProvider() {
  const accepted: Array<{ to: string; body: string }> = []
  const server: Server = createServer((request, response) => {
    let raw = ''
    request.on('data', (chunk) => (raw += chunk))
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(body))
      }
      if (request.headers.authorization !== `Bearer ${TOKEN}`) return answer(401, { error: 'bad token' })
      let json: Record<string, unknown>
      try {
        json = JSON.parse(raw)
      } catch {
        return answer(400, { error: 'not JSON' })
      }
      for (const field of ['id', 'to', 'body', 'idempotencyKey'])
        if (typeof json[field] !== 'string' || json[field] === '') return answer(400, { error: `${field} is required` })
      if (request.headers['idempotency-key'] !== json.idempotencyKey) return answer(400, { error: 'Idempotency-Key header differs from the body' })
      accepted.push({ to: json.to as string, body: json.body as string })
      answer(200, { messageId: `sms-${accepted.length}` })
    })
  })
  return {
    accepted,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/send`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** A port free now on 127.0.0.1, for the Kairos server whose public URL the links must name before it listens. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createNetServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo
      probe.close(() => resolve(port))
    })
  })

// The journey: SMS with a tracked link → wait for message.clicked for 1 day → else a WeCom
// reminder to the contact's rep (notify.wecom v2 through a wecom.app channel). The click is a real
// HTTP GET on the real server's redirect route, of the link the SMS provider received.
describe('a journey that waits for a click on a tracked SMS link', () => {
  const sms = fakeSmsProvider()
  const wecom = fakeWecom({ ...CORP, members: ['lilei'] })
  let kairos: TestKairos
  let publicUrl: string

  beforeAll(async () => {
    const port = await freePort()
    publicUrl = `http://127.0.0.1:${port}`
    kairos = await startTestKairos({ publicUrl })
    await kairos.app.listen({ port, host: '127.0.0.1' })
    const smsUrl = await sms.listen()
    const wecomUrl = await wecom.listen()
    expect((await kairos.api('PUT', '/api/channels/sms-main', { kind: 'sms.http', config: { url: smsUrl, token: TOKEN } })).status).toBe(200)
    expect((await kairos.api('PUT', '/api/channels/sales-app', { kind: 'wecom.app', config: { baseUrl: wecomUrl, ...CORP } })).status).toBe(200)
    await kairos.api('PUT', '/api/sales-reps/li', { name: 'Li Lei', wecomId: 'lilei', team: 'retail' })
    await kairos.api('PUT', '/api/contacts/mei', { attributes: { name: '梅', phone: '+8613900000001' }, ownerId: 'li' })
    await kairos.api('PUT', '/api/contacts/otto', { attributes: { name: 'Otto', phone: '+8613900000002' }, ownerId: 'li' })
    await publishFlow(kairos, 'New arrivals with a click check', {
      nodes: [
        { id: 'entry', type: 'trigger.event', config: { event: 'new_arrivals' } },
        { id: 'sms', type: 'send.sms', config: { channel: 'sms-main', text: '{{ contact.name }}，新品上架：{{ "https://shop.example/p/1" | track }} 回T退订' } },
        { id: 'clicked', type: 'wait.event', config: { event: 'message.clicked', where: { node: 'sms' }, timeout: '1d' } },
        { id: 'thanks', type: 'tag', config: { add: ['clicked_new_arrivals'], remove: [] } },
        { id: 'remind', type: 'notify.wecom', config: { channel: 'sales-app', text: '{{ contact.name }} 一天内未点击新品短信，请跟进' } },
      ],
      edges: [
        { source: 'entry', target: 'sms' },
        { source: 'sms', sourcePort: 'next', target: 'clicked' },
        { source: 'clicked', sourcePort: 'received', target: 'thanks' },
        { source: 'clicked', sourcePort: 'timeout', target: 'remind' },
      ],
      settings: { reentry: 'once' },
    })
  })
  afterAll(async () => {
    await kairos?.stop()
    await sms.close()
    await wecom.close()
  })

  const runOf = async (contact: string) => {
    const { body } = await kairos.api('GET', `/api/contacts/${contact}`)
    return (await kairos.api('GET', `/api/runs/${body.runs[0].id}`)).body
  }

  it('a contact who clicks goes on through received; one who does not gets the rep reminded after a day', async () => {
    await kairos.api('POST', '/api/events', { events: [{ contact: 'mei', name: 'new_arrivals' }, { contact: 'otto', name: 'new_arrivals' }] })
    await kairos.drain()
    expect(sms.accepted.map((m) => m.to).sort()).toEqual(['+8613900000001', '+8613900000002'])
    const toMei = sms.accepted.find((m) => m.to === '+8613900000001')!
    const link = new RegExp(`^梅，新品上架：(${publicUrl}/c/[0-9A-Za-z]{10}) 回T退订$`).exec(toMei.body)?.[1]
    expect(link, toMei.body).toBeDefined()
    expect((await runOf('mei')).status).toBe('waiting')

    // Mei taps the link on her phone.
    const tap = await fetch(link!, { redirect: 'manual' })
    expect(tap.status).toBe(302)
    expect(tap.headers.get('location')).toBe('https://shop.example/p/1')
    await kairos.drain()
    const mei = await runOf('mei')
    expect(mei.status).toBe('completed')
    expect(mei.steps.map((s: { node: string; port: string | null }) => [s.node, s.port])).toEqual([
      ['entry', 'next'], ['sms', 'next'], ['clicked', 'received'], ['thanks', 'next'],
    ])
    expect((await kairos.api('GET', '/api/contacts/mei')).body.tags).toContain('clicked_new_arrivals')
    expect((await runOf('otto')).status).toBe('waiting')
    expect(wecom.accepted).toHaveLength(0)

    // A day later Otto has not clicked: his rep is reminded in WeCom, and Mei's is not.
    await kairos.advance('1d')
    const otto = await runOf('otto')
    expect(otto.steps.map((s: { node: string; port: string | null }) => [s.node, s.port])).toEqual([
      ['entry', 'next'], ['sms', 'next'], ['clicked', 'timeout'], ['remind', 'next'],
    ])
    expect(otto.status).toBe('completed')
    expect(wecom.accepted.map((m) => m.json)).toEqual([
      expect.objectContaining({ touser: 'lilei', agentid: CORP.agentId, msgtype: 'text', text: { content: 'Otto 一天内未点击新品短信，请跟进' } }),
    ])
    // A second tap still leads to the page, and wakes nothing more.
    expect((await fetch(link!, { redirect: 'manual' })).status).toBe(302)
    await kairos.drain()
    expect(wecom.accepted).toHaveLength(1)
  })
})
