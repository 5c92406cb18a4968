import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { expect } from 'vitest'
import { fakeHttpProvider } from './fake-http-provider.ts'
import type { TestKairos } from './test-kairos.ts'

// What the starter tests share: stand-ins for an SMS provider and a WeCom group robot on
// 127.0.0.1 that check the protocol they are spoken to in, and a workspace with everything
// the six starters ask for (channels, a sales rep, coupon pools with codes).

export const TOKEN = 'sk-starter-test'

/** An SMS provider speaking sms.http's protocol: bearer token, JSON { to, body, idempotencyKey }, one id per message. */
export function fakeSmsProvider() {
  const received: Array<{ to: string; body: string; idempotencyKey: string }> = []
  const server: Server = createServer((request, response) => {
    let raw = ''
    request.on('data', (chunk) => (raw += chunk))
    request.on('end', () => {
      const answer = (status: number, body: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(body))
      }
      if (request.headers.authorization !== `Bearer ${TOKEN}`) return answer(401, { error: 'bad token' })
      const body = JSON.parse(raw)
      if (!body.to || !body.body || !body.idempotencyKey || request.headers['idempotency-key'] !== body.idempotencyKey)
        return answer(400, { error: 'to, body and idempotencyKey are required' })
      received.push(body)
      answer(200, { messageId: `m-${received.length}` })
    })
  })
  return {
    received,
    listen: () => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}/sms`))),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

/** The WeCom group robot API: a key in the query, a markdown message, errcode 0 when taken. */
export function fakeWecomRobot() {
  return fakeHttpProvider((_status, request) =>
    request.body?.msgtype === 'markdown' && typeof request.body.markdown?.content === 'string' ? { errcode: 0, errmsg: 'ok' } : { errcode: 40008, errmsg: 'invalid message type' },
  )
}

const codes = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${String(i + 1).padStart(4, '0')}`)

/** Channels, a rep, pools with codes and the win-back segment: everything the six starters ask for. */
export async function setUpWorkspace(kairos: TestKairos, urls: { sms: string; wecom: string; smtpPort: number }) {
  const put = async (url: string, body: unknown) => expect((await kairos.api('PUT', url, body)).status).toBe(200)
  await put('/api/channels/sms-main', { kind: 'sms.http', config: { url: urls.sms, token: TOKEN } })
  await put('/api/channels/sales-robot', { kind: 'wecom.robot', config: { webhookUrl: `${urls.wecom}/cgi-bin/webhook/send?key=robot-key` } })
  await put('/api/channels/mail', { kind: 'email.smtp', config: { host: '127.0.0.1', port: urls.smtpPort, from: 'Shop <hello@shop.example>' } })
  await put('/api/sales-reps/li', { name: 'Li Lei', wecomId: 'lilei', team: 'renewals' })
  for (const pool of ['cart', 'birthday', 'renewal', 'winback']) {
    await put(`/api/coupon-pools/${pool}`, { name: `${pool} codes` })
    expect((await kairos.api('POST', `/api/coupon-pools/${pool}/codes`, { codes: codes(pool.toUpperCase(), 20) })).status).toBe(200)
  }
}

export const BINDINGS: Record<string, Record<string, Record<string, string>>> = {
  welcome: { channels: { 'email-main': 'mail' } },
  'cart-abandonment': { channels: { 'email-main': 'mail' }, pools: { 'cart-coupons': 'cart' } },
  'birthday-coupon': { channels: { 'sms-marketing': 'sms-main' }, pools: { 'birthday-coupons': 'birthday' } },
  'premium-renewal': { channels: { 'sales-wecom': 'sales-robot', 'sms-marketing': 'sms-main' }, pools: { 'renewal-coupons': 'renewal' } },
  'win-back': { channels: { 'sms-marketing': 'sms-main' }, pools: { 'winback-coupons': 'winback' } },
  'lead-nurture': { channels: { 'email-main': 'mail' } },
}
