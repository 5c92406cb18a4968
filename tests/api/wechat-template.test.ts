import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { ManualClock, testChannel } from '@kairos/sdk/testing'
import wechatTemplate from '../../channels/wechat-oa/src/index.ts'
import { fakeWechatOa } from '../support/fake-wechat-oa.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

const APP = { appId: 'wx5f1c0de2a7b3e901', appSecret: 'oa-secret-4KqLm77xT' }
const TEMPLATES = { 'tpl-shipped': ['thing1', 'character_string2', 'time3'] }
const FIELDS = { thing1: '蓝牙耳机', character_string2: 'SF1234567890', time3: '2027-03-02 10:00' }

// The wechat.template kind against a stand-in official-account API that checks what
// WeChat checks: the token is asked for once and kept for its lifetime, replaced when
// WeChat says it expired (42001) or is no longer the latest (40001), and errcodes
// become sent, retry or failed for good.
describe('wechat.template sending one message at a time', () => {
  const oa = fakeWechatOa({ ...APP, templates: TEMPLATES, followers: ['o-follower-1', 'o-follower-2'], unsubscribed: ['o-left'] })
  let config: Record<string, unknown>
  let clock: ManualClock
  let channelNo = 0
  let channel: string
  const send = (to: string, data: Record<string, unknown> = { templateId: 'tpl-shipped', fields: FIELDS }, extra: { config?: Record<string, unknown>; key?: string } = {}) =>
    testChannel(wechatTemplate, { config: { ...config, ...extra.config }, message: { to, body: 'summary', data }, channel, clock, idempotencyKey: extra.key })

  beforeAll(async () => {
    config = { baseUrl: await oa.listen(), ...APP }
  })
  beforeEach(() => {
    channel = `oa-${++channelNo}`
    clock = new ManualClock(new Date())
  })
  afterAll(() => oa.close())

  it('asks for a stable token with the app id and secret, then posts the template with the openid, url and fields', async () => {
    const before = oa.requests.length
    const outcome = await send('o-follower-1', { templateId: 'tpl-shipped', fields: FIELDS, url: 'https://shop.example/orders/77' }, { key: 'run:r1:step:3:wechat' })
    expect(outcome).toMatchObject({ status: 'sent', providerMessageId: String(oa.accepted.at(-1)!.msgid) })
    const [token, post] = oa.requests.slice(before)
    expect([token.method, token.url, JSON.parse(token.body)]).toEqual(['POST', '/cgi-bin/stable_token', { grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret, force_refresh: false }])
    expect(post.url).toMatch(/^\/cgi-bin\/message\/template\/send\?access_token=[\w-]+$/)
    expect(JSON.parse(post.body)).toEqual({
      touser: 'o-follower-1', template_id: 'tpl-shipped', url: 'https://shop.example/orders/77',
      client_msg_id: expect.stringMatching(/^[0-9a-f]{32}$/),
      data: { thing1: { value: '蓝牙耳机' }, character_string2: { value: 'SF1234567890' }, time3: { value: '2027-03-02 10:00' } },
    })
  })

  it('takes an endpoint written with a trailing slash (pasted from a browser) and asks /cgi-bin/…, never //cgi-bin/…', async () => {
    for (const tokenApi of ['stable_token', 'token']) {
      channel = `oa-slash-${tokenApi}`
      const before = oa.requests.length
      expect(await send('o-follower-1', undefined, { config: { baseUrl: `${config.baseUrl}/`, tokenApi } })).toMatchObject({ status: 'sent' })
      expect(oa.requests.slice(before).map((r) => r.url.split('?')[0])).toEqual([`/cgi-bin/${tokenApi}`, '/cgi-bin/message/template/send'])
    }
  })

  it('asks the classic token API with a GET and its query when tokenApi is "token"', async () => {
    const before = oa.requests.length
    expect((await send('o-follower-1', undefined, { config: { tokenApi: 'token' } })).status).toBe('sent')
    const [token] = oa.requests.slice(before)
    expect([token.method, token.url, token.body]).toEqual(['GET', `/cgi-bin/token?grant_type=client_credential&appid=${APP.appId}&secret=${APP.appSecret}`, ''])
  })

  it('shares one stable token between two workers, neither ending the other\'s', async () => {
    const before = { tokens: oa.tokenRequests, requests: oa.requests.length }
    for (let i = 0; i < 40; i++) {
      // Two channel names hold two cache entries, as two worker processes would.
      channel = i % 2 ? 'oa-worker-a' : 'oa-worker-b'
      expect((await send('o-follower-1')).requests).toHaveLength(1 + (i < 2 ? 1 : 0))
    }
    expect(oa.tokenRequests - before.tokens).toBe(2)
    const tokens = new Set(oa.requests.slice(before.requests).flatMap((r) => new URL(r.url, 'http://x').searchParams.get('access_token') ?? []))
    expect(tokens.size).toBe(1)
  })

  it('gives every attempt at a delivery the same client_msg_id, and another delivery another', async () => {
    await send('o-follower-1', undefined, { key: 'run:r1:step:3:wechat' })
    await send('o-follower-1', undefined, { key: 'run:r1:step:3:wechat' })
    await send('o-follower-1', undefined, { key: 'run:r2:step:3:wechat' })
    const ids = oa.accepted.slice(-3).map((a) => a.json.client_msg_id)
    expect(ids[0]).toBe(ids[1])
    expect(ids[2]).not.toBe(ids[0])
  })

  it('asks for one token across 100 messages, and again a little before its lifetime ends', async () => {
    const before = oa.tokenRequests
    for (let i = 0; i < 100; i++) expect((await send(i % 2 ? 'o-follower-1' : 'o-follower-2')).status).toBe('sent')
    expect(oa.tokenRequests - before).toBe(1)
    clock.advance('1h56m') // 6960 s of 7200
    expect((await send('o-follower-1')).status).toBe('sent')
    expect(oa.tokenRequests - before).toBe(2)
  })

  it('asks for one token for 20 sends at the same time', async () => {
    const before = oa.tokenRequests
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => send('o-follower-2')))
    expect(outcomes.map((o) => o.status)).toEqual(Array(20).fill('sent'))
    expect(oa.tokenRequests - before).toBe(1)
  })

  it('replaces a token WeChat says expired (42001) and sends in the same attempt', async () => {
    await send('o-follower-1')
    oa.expireTokens()
    const before = oa.tokenRequests
    const outcome = await send('o-follower-1')
    expect(outcome).toMatchObject({ status: 'sent' })
    expect(outcome.attempts).toHaveLength(1)
    expect(outcome.requests.map((r) => new URL(r.url).pathname)).toEqual(['/cgi-bin/message/template/send', '/cgi-bin/stable_token', '/cgi-bin/message/template/send'])
    expect(oa.tokenRequests - before).toBe(1)
  })

  it('replaces a classic token that is no longer the latest (40001: someone else asked for a new one over 5 minutes ago)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date() })
    const classic = { config: { tokenApi: 'token' } }
    try {
      await send('o-follower-1', undefined, classic)
      // Another tool asks for the account's token: ours works 5 more minutes.
      await fetch(`${config.baseUrl}/cgi-bin/token?grant_type=client_credential&appid=${APP.appId}&secret=${APP.appSecret}`)
      vi.setSystemTime(Date.now() + 4 * 60_000)
      expect(await send('o-follower-1', undefined, classic)).toMatchObject({ status: 'sent', requests: [expect.anything()] })
      vi.setSystemTime(Date.now() + 2 * 60_000)
      const outcome = await send('o-follower-1', undefined, classic)
      expect(outcome).toMatchObject({ status: 'sent' })
      expect(outcome.requests).toHaveLength(3)
      expect(outcome.attempts).toHaveLength(1)
    } finally {
      vi.useRealTimers()
    }
  })

  const bodies = (requests: Array<{ url: string; body?: unknown }>) =>
    requests.map((r) => [new URL(r.url).pathname, new URL(r.url).pathname === '/cgi-bin/stable_token' ? JSON.parse(String(r.body)).force_refresh : undefined])

  it('forces a refresh on the retry when WeChat refuses the stable token (40001) and stable_token hands the same one back', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date() })
    try {
      await send('o-follower-1')
      oa.invalidateStableToken()
      const forced = oa.forcedRefreshes
      const outcome = await send('o-follower-1')
      expect(outcome).toMatchObject({ status: 'sent' })
      expect(outcome.attempts).toHaveLength(1)
      expect(bodies(outcome.requests)).toEqual([
        ['/cgi-bin/message/template/send', undefined],
        ['/cgi-bin/stable_token', false],
        ['/cgi-bin/stable_token', true],
        ['/cgi-bin/message/template/send', undefined],
      ])
      expect(oa.forcedRefreshes - forced).toBe(1)
      // The normal path stays without it: the next sends use the new token, and a new channel asks without forcing.
      channel = 'oa-after-forced'
      expect(bodies((await send('o-follower-2')).requests)).toEqual([['/cgi-bin/stable_token', false], ['/cgi-bin/message/template/send', undefined]])
      expect(oa.forcedRefreshes - forced).toBe(1)
    } finally {
      vi.useRealTimers()
    }
  })

  it('takes the new token without forcing one when another system\'s forced refresh ended ours (40001)', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: new Date(Date.now() + 60_000) })
    try {
      await send('o-follower-1')
      // Another system of the account forces a refresh (WeChat ends our token at once).
      const other = await fetch(`${config.baseUrl}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: APP.appId, secret: APP.appSecret, force_refresh: true }) })
      expect(((await other.json()) as { access_token?: string }).access_token).toEqual(expect.any(String))
      const forced = oa.forcedRefreshes
      const outcome = await send('o-follower-1')
      expect(outcome).toMatchObject({ status: 'sent' })
      expect(bodies(outcome.requests)).toEqual([['/cgi-bin/message/template/send', undefined], ['/cgi-bin/stable_token', false], ['/cgi-bin/message/template/send', undefined]])
      expect(oa.forcedRefreshes).toBe(forced)
    } finally {
      vi.useRealTimers()
    }
  })

  it('fails for good on a wrong secret or app id, saying what to check, the secret not in the error', async () => {
    const wrong = await send('o-follower-1', undefined, { config: { appSecret: 'wrong-secret-1234' } })
    expect(wrong).toMatchObject({ status: 'failed' })
    expect(wrong.attempts).toHaveLength(1)
    expect(wrong.error).toMatch(/^WeChat refused the access token request: errcode 40001: .*AppSecret is not this account's/)
    expect(wrong.error).not.toContain('wrong-secret-1234')
    expect((await send('o-follower-1', undefined, { config: { appId: 'wx-other' } })).error).toMatch(/errcode 40013: invalid appid \(the AppID is wrong/)
  })

  it('fails for good a contact who unsubscribed (43004), an openid not of this account (40003), an unknown template (40037) and a field not in it (47003)', async () => {
    const cases = [
      [await send('o-left'), 43004],
      [await send('o-someone-else'), 40003],
      [await send('o-follower-1', { templateId: 'tpl-nope', fields: FIELDS }), 40037],
      [await send('o-follower-1', { templateId: 'tpl-shipped', fields: { ...FIELDS, keyword9: 'x' } }), 47003],
    ] as const
    for (const [outcome, code] of cases) {
      expect(outcome.status).toBe('failed')
      expect(outcome.attempts).toHaveLength(1)
      expect(outcome.error).toContain(`WeChat errcode ${code}:`)
    }
    expect(cases[0][0].error).toContain('does not follow')
  })

  it('fails at once, sending nothing, a message without a template or with an empty field', async () => {
    const before = oa.requests.length
    expect((await send('o-follower-1', { fields: FIELDS })).error).toBe('the message names no template (data.templateId)')
    expect((await send('o-follower-1', { templateId: 'tpl-shipped', fields: { thing1: ' ' } })).error).toBe('template field "thing1" is empty')
    expect(oa.requests.length).toBe(before)
  })

  it('retries when the quota is reached (45009), and the message goes once it is not', async () => {
    oa.throttle(1)
    const outcome = await send('o-follower-2')
    expect(outcome.status).toBe('sent')
    expect(outcome.attempts.map((a) => a.answer)).toMatchObject([{ ok: false, retry: true, error: 'WeChat errcode 45009: reach max api daily quota limit' }, { ok: true }])
  })
})

// Through the real server: an order ships, and send.wechat sends the follower a
// template message with their openid and the fields rendered from the event.
describe('a journey that sends a WeChat template message', () => {
  const oa = fakeWechatOa({ ...APP, templates: TEMPLATES, followers: ['oX9-fang'] })
  let kairos: TestKairos

  beforeAll(async () => {
    const baseUrl = await oa.listen()
    // 10:00 in Shanghai.
    kairos = await startTestKairos({ startAt: '2027-03-02T02:00:00Z' })
    const saved = await kairos.api('PUT', '/api/channels/oa-shop', { kind: 'wechat.template', config: { baseUrl, ...APP } })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ kind: 'wechat.template', carries: 'wechat', secretsSet: ['appSecret'] })
    expect(JSON.stringify(saved.body)).not.toContain(APP.appSecret)
    await publishFlow(kairos, 'Shipping notice on WeChat', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'order_shipped' } },
        {
          id: 'wechat', type: 'send.wechat',
          config: {
            channel: 'oa-shop', templateId: 'tpl-shipped', category: 'transactional',
            fields: [
              { key: 'thing1', value: '{{ event.properties.item }}' },
              { key: 'character_string2', value: '{{ event.properties.tracking }}' },
              { key: 'time3', value: '{{ event.properties.shipped_at }}' },
            ],
            url: 'https://shop.example/orders/{{ event.properties.order }}',
          },
        },
        { id: 'sent', type: 'tag', config: { add: ['wechat_notified'] } },
        { id: 'no_openid', type: 'tag', config: { add: ['no_openid'] } },
      ],
      edges: [
        { source: 'in', sourcePort: 'next', target: 'wechat' },
        { source: 'wechat', sourcePort: 'next', target: 'sent' },
        { source: 'wechat', sourcePort: 'skipped', target: 'no_openid' },
      ],
      settings: { reentry: 'always' },
    })
    await kairos.api('PUT', '/api/contacts/fang', { attributes: { name: '王芳', openid: 'oX9-fang' } })
    await kairos.api('PUT', '/api/contacts/li', { attributes: { name: 'Li' } })
  })
  afterAll(async () => {
    await kairos?.stop()
    await oa.close()
  })

  const shipped = (contact: string) => ({
    contact, name: 'order_shipped',
    properties: { order: '77', item: '蓝牙耳机', tracking: 'SF1234567890', shipped_at: '2027-03-02 10:00' },
  })

  it('reaches WeChat with the openid and the rendered fields, and the delivery keeps WeChat\'s msgid', async () => {
    await kairos.api('POST', '/api/events', shipped('fang'))
    await kairos.drain()
    expect(oa.accepted).toHaveLength(1)
    expect(oa.accepted[0].json).toMatchObject({
      touser: 'oX9-fang', template_id: 'tpl-shipped', url: 'https://shop.example/orders/77',
      data: { thing1: { value: '蓝牙耳机' }, character_string2: { value: 'SF1234567890' }, time3: { value: '2027-03-02 10:00' } },
    })
    const [delivery] = (await kairos.api('GET', '/api/deliveries?contact=fang')).body.deliveries
    expect(delivery).toMatchObject({ channel: 'wechat', provider: 'oa-shop', to: 'oX9-fang', status: 'sent', attempts: 1 })
    expect(delivery.body).toBe('thing1: 蓝牙耳机\ncharacter_string2: SF1234567890\ntime3: 2027-03-02 10:00')
    const row = (await kairos.core.database.pool.query('select provider_message_id from deliveries where id = $1', [delivery.id])).rows[0]
    expect(row.provider_message_id).toBe(String(oa.accepted[0].msgid))
    expect((await kairos.api('GET', '/api/contacts/fang')).body.tags).toEqual(['wechat_notified'])
  })

  it('skips a contact without an openid, sending nothing', async () => {
    await kairos.api('POST', '/api/events', shipped('li'))
    await kairos.drain()
    expect(oa.accepted).toHaveLength(1)
    expect((await kairos.api('GET', '/api/contacts/li')).body.tags).toEqual(['no_openid'])
  })

  it('asks WeChat for one token across 100 messages, and once more when WeChat ends it early', async () => {
    const contacts = Array.from({ length: 100 }, (_, i) => ({ externalId: `f${i}`, attributes: { openid: 'oX9-fang' } }))
    expect((await kairos.api('POST', '/api/contacts/batch', { contacts })).status).toBe(200)
    await kairos.api('POST', '/api/events', { events: contacts.map((c) => shipped(c.externalId)) })
    await kairos.drain()
    expect(oa.accepted).toHaveLength(101)
    expect(oa.tokenRequests).toBe(1)
    oa.expireTokens()
    await kairos.api('POST', '/api/events', shipped('fang'))
    await kairos.drain()
    expect(oa.accepted).toHaveLength(102)
    expect(oa.tokenRequests).toBe(2)
  })

  it('holds a marketing template message in quiet hours, and lets a transactional one through', async () => {
    await publishFlow(kairos, 'WeChat promotion', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'promo' } },
        { id: 'wechat', type: 'send.wechat', config: { channel: 'oa-shop', templateId: 'tpl-shipped', fields: [{ key: 'thing1', value: '春季特惠' }, { key: 'character_string2', value: 'SPRING' }, { key: 'time3', value: '3月31日' }] } },
      ],
      edges: [{ source: 'in', sourcePort: 'next', target: 'wechat' }],
      settings: { reentry: 'always' },
    })
    expect((await kairos.api('PUT', '/api/policies', { quietHours: { from: '00:00', to: '23:59' } })).status).toBe(200)
    const sentBefore = oa.accepted.length
    await kairos.api('POST', '/api/events', { contact: 'fang', name: 'promo' })
    await kairos.api('POST', '/api/events', shipped('fang'))
    await kairos.drain()
    const deliveries = (await kairos.api('GET', '/api/deliveries?contact=fang&channel=wechat')).body.deliveries
    expect(deliveries.find((d: any) => d.body.startsWith('thing1: 春季特惠'))).toMatchObject({ status: 'scheduled' })
    expect(oa.accepted.slice(sentBefore).map((a) => a.json.data.thing1.value)).toEqual(['蓝牙耳机'])
  })
})
