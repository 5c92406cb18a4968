import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { sql } from 'kysely'
import { ManualClock, testChannel } from '@kairos/sdk/testing'
import wecomApp from '../../channels/wecom-app/src/index.ts'
import { fakeWecom } from '../support/fake-wecom.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

const CORP = { corpId: 'ww1234567890abcdef', secret: 'app-secret-Zq81XbV', agentId: 1000002 }

// The wecom.app kind against a stand-in WeCom that checks what WeCom checks: the
// token is asked for once and kept for its lifetime, shared by sends at the same
// time, replaced when WeCom says it expired, and errcodes become sent, retry or
// failed for good.
describe('wecom.app sending one message at a time', () => {
  const wecom = fakeWecom({ ...CORP, members: ['lilei', 'hanmei'] })
  let config: Record<string, unknown>
  let clock: ManualClock
  let channelNo = 0
  /** A channel of its own for each test, so each starts without a token. */
  let channel: string
  const send = (message: { to: string; body: string; data?: Record<string, unknown> }, extra: { maxAttempts?: number; config?: Record<string, unknown> } = {}) =>
    testChannel(wecomApp, { config: { ...config, ...extra.config }, message, channel, clock, maxAttempts: extra.maxAttempts })

  beforeAll(async () => {
    config = { baseUrl: await wecom.listen(), ...CORP }
  })
  beforeEach(() => {
    channel = `wecom-${++channelNo}`
    clock = new ManualClock(new Date())
  })
  afterAll(() => wecom.close())

  it('asks for a token with the corp id and secret, then posts the text to the member with the agent id', async () => {
    const before = wecom.requests.length
    const outcome = await send({ to: 'lilei', body: 'Mei renews in 3 days' })
    expect(outcome).toMatchObject({ status: 'sent', providerMessageId: expect.stringMatching(/^wecom-msg-/) })
    const [token, post] = wecom.requests.slice(before)
    expect([token.method, token.url]).toEqual(['GET', `/cgi-bin/gettoken?corpid=${CORP.corpId}&corpsecret=${CORP.secret}`])
    expect(post.method).toBe('POST')
    expect(post.url).toMatch(/^\/cgi-bin\/message\/send\?access_token=[\w-]+$/)
    expect(JSON.parse(post.body)).toEqual({
      touser: 'lilei', agentid: 1000002, msgtype: 'text', text: { content: 'Mei renews in 3 days' },
      enable_duplicate_check: 1, duplicate_check_interval: 1800,
    })
    // What is kept of the answer holds no token.
    expect(JSON.stringify(outcome.response)).not.toContain(post.url.split('=')[1])
  })

  it('takes an endpoint written with a trailing slash (pasted from a browser) and asks /cgi-bin/…, never //cgi-bin/…', async () => {
    const before = wecom.requests.length
    expect(await send({ to: 'lilei', body: 'Mei renews in 3 days' }, { config: { baseUrl: `${config.baseUrl}/` } })).toMatchObject({ status: 'sent' })
    expect(wecom.requests.slice(before).map((r) => r.url.split('?')[0])).toEqual(['/cgi-bin/gettoken', '/cgi-bin/message/send'])
  })

  it('sends markdown and text cards in their WeCom shapes, the card cut to WeCom\'s lengths at a character', async () => {
    await send({ to: 'lilei', body: '**Mei** renews <font color="warning">in 3 days</font>', data: { msgtype: 'markdown' } })
    expect(wecom.accepted.at(-1)!.json).toMatchObject({ msgtype: 'markdown', markdown: { content: '**Mei** renews <font color="warning">in 3 days</font>' } })
    const long = '续费'.repeat(100)
    await send({ to: 'lilei', body: long, data: { msgtype: 'textcard', title: '高级会员续费提醒'.repeat(10), url: 'https://crm.example/c/42', btntxt: '查看详情吧' } })
    const card = wecom.accepted.at(-1)!.json.textcard
    expect(card.url).toBe('https://crm.example/c/42')
    expect(card.btntxt).toBe('查看详情')
    expect(new TextEncoder().encode(card.title).length).toBeLessThanOrEqual(128)
    expect(card.title.startsWith('高级会员续费提醒')).toBe(true)
    expect(new TextEncoder().encode(card.description).length).toBe(510)
  })

  it('fails a card without a link at once, sending nothing', async () => {
    const before = wecom.requests.length
    const outcome = await send({ to: 'lilei', body: 'x', data: { msgtype: 'textcard', title: 'Renewal' } })
    expect(outcome).toMatchObject({ status: 'failed', error: "the card's url must be an http(s) link of at most 2048 bytes" })
    expect(outcome.attempts).toHaveLength(1)
    expect(wecom.requests.length).toBe(before)
  })

  it('sends only to one member by user id: never @all or a list, nothing sent', async () => {
    const before = wecom.requests.length
    for (const to of ['@all', 'lilei|hanmei', ' lilei'])
      expect(await send({ to, body: 'x' })).toMatchObject({ status: 'failed', error: expect.stringContaining('is not a WeCom user id') })
    expect(wecom.requests.length).toBe(before)
  })

  it('asks for one token across 100 messages', async () => {
    const before = wecom.tokenRequests
    for (let i = 0; i < 100; i++) expect((await send({ to: 'hanmei', body: `reminder ${i}` })).status).toBe('sent')
    expect(wecom.tokenRequests - before).toBe(1)
  })

  it('asks for one token for 20 sends at the same time', async () => {
    const before = wecom.tokenRequests
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => send({ to: 'lilei', body: `at once ${i}` })))
    expect(outcomes.map((o) => o.status)).toEqual(Array(20).fill('sent'))
    expect(wecom.tokenRequests - before).toBe(1)
  })

  it('asks again a little before the token\'s lifetime ends, not before', async () => {
    const before = wecom.tokenRequests
    await send({ to: 'lilei', body: 'first' })
    clock.advance('1h50m') // 6600 s of 7200: still kept
    await send({ to: 'lilei', body: 'second' })
    expect(wecom.tokenRequests - before).toBe(1)
    clock.advance('6m') // 6960 s: within the last 5 minutes, replaced
    await send({ to: 'lilei', body: 'third' })
    expect(wecom.tokenRequests - before).toBe(2)
  })

  it('replaces a token WeCom says expired (42001) mid-lifetime and sends the message in the same attempt', async () => {
    await send({ to: 'lilei', body: 'before' })
    const before = { tokens: wecom.tokenRequests, accepted: wecom.accepted.length }
    wecom.expireTokens()
    const outcome = await send({ to: 'lilei', body: 'after expiry' })
    expect(outcome).toMatchObject({ status: 'sent' })
    expect(outcome.attempts).toHaveLength(1)
    expect(outcome.requests.map((r) => r.url.split('?')[0])).toEqual(['/cgi-bin/message/send', '/cgi-bin/gettoken', '/cgi-bin/message/send'].map((p) => `${config.baseUrl}${p}`))
    expect(wecom.tokenRequests - before.tokens).toBe(1)
    expect(wecom.accepted.length - before.accepted).toBe(1)
  })

  it('replaces an expired token once for 10 sends refused at the same time', async () => {
    await send({ to: 'lilei', body: 'warm' })
    wecom.expireTokens()
    const before = wecom.tokenRequests
    const outcomes = await Promise.all(Array.from({ length: 10 }, (_, i) => send({ to: 'lilei', body: `refused ${i}` })))
    expect(outcomes.map((o) => o.status)).toEqual(Array(10).fill('sent'))
    expect(wecom.tokenRequests - before).toBe(1)
  })

  it('fails for good on a wrong secret or corp id, saying what to check, the secret not in the error', async () => {
    const wrongSecret = await send({ to: 'lilei', body: 'x' }, { config: { secret: 'not-the-secret-77' } })
    expect(wrongSecret).toMatchObject({ status: 'failed' })
    expect(wrongSecret.attempts).toHaveLength(1)
    expect(wrongSecret.error).toMatch(/^WeCom refused the access token request: errcode 40001: invalid credential.*the secret is not this app's/)
    expect(wrongSecret.error).not.toContain('not-the-secret-77')
    const wrongCorp = await send({ to: 'lilei', body: 'x' }, { config: { corpId: 'ww-other' } })
    expect(wrongCorp.error).toMatch(/errcode 40013: invalid corpid \(the corp id is wrong/)
  })

  it('fails for good a member WeCom does not know (81013, invaliduser), and another agent id (40056)', async () => {
    const unknown = await send({ to: 'nobody', body: 'x' })
    expect(unknown).toMatchObject({ status: 'failed', error: expect.stringMatching(/^WeCom errcode 81013: user & party & tag all invalid/) })
    expect(unknown.attempts).toHaveLength(1)
    const agent = await send({ to: 'lilei', body: 'x' }, { config: { agentId: 1000009 } })
    expect(agent).toMatchObject({ status: 'failed', error: expect.stringContaining('errcode 40056') })
  })

  it('retries a rate-limited send (45009) after the backoff, and then it is sent', async () => {
    wecom.throttle(2)
    const outcome = await send({ to: 'lilei', body: 'busy hour' })
    expect(outcome.status).toBe('sent')
    expect(outcome.attempts.map((a) => a.answer.ok)).toEqual([false, false, true])
    expect(outcome.attempts[0].answer).toMatchObject({ retry: true, error: 'WeCom errcode 45009: api freq out of limit' })
  })
})

// Through the real server: a journey assigns the contact a rep and reminds the rep in
// WeCom with a text card; a rep without a WeCom id is skipped with the reason.
describe('a journey that reminds the rep in WeCom', () => {
  const wecom = fakeWecom({ ...CORP, members: ['lilei'] })
  let kairos: TestKairos

  const due = (contact: string) => ({ contact, name: 'renewal_due' })
  const runSteps = async (contact: string) => {
    const [run] = (await kairos.api('GET', `/api/runs?contact=${contact}`)).body.runs
    return (await kairos.api('GET', `/api/runs/${run.id}`)).body.steps
  }

  beforeAll(async () => {
    const baseUrl = await wecom.listen()
    kairos = await startTestKairos({ startAt: '2027-03-02T01:00:00Z' })
    const saved = await kairos.api('PUT', '/api/channels/sales-app', { kind: 'wecom.app', config: { baseUrl, ...CORP } })
    expect(saved.status).toBe(200)
    expect(saved.body).toMatchObject({ carries: 'wecom', secretsSet: ['secret'], config: { corpId: CORP.corpId, agentId: 1000002, duplicateCheckSeconds: 1800 } })
    expect(JSON.stringify(saved.body)).not.toContain(CORP.secret)
    await kairos.api('PUT', '/api/sales-reps/li', { name: 'Li Lei', wecomId: 'lilei', team: 'renewals' })
    await kairos.api('PUT', '/api/sales-reps/wang', { name: 'Wang Fang', team: 'walk-in' })
    await publishFlow(kairos, 'Renewal reminder to the rep', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'renewal_due' } },
        { id: 'assign', type: 'assign.sales', config: { strategy: 'round_robin', team: 'renewals', rules: [{ when: { attribute: 'region', op: 'eq', value: 'north' }, team: 'walk-in' }] } },
        {
          id: 'remind', type: 'notify.wecom', version: 2,
          config: {
            channel: 'sales-app', msgtype: 'textcard', title: '续费提醒：{{ contact.name }}',
            text: '{{ owner.name }}，{{ contact.name }} 的会员 {{ contact.subscription_end }} 到期，还没有续费。', url: 'https://crm.example/contacts/{{ contact.externalId }}',
          },
        },
        { id: 'reminded', type: 'tag', config: { add: ['rep_reminded'] } },
        { id: 'no_wecom', type: 'tag', config: { add: ['rep_not_on_wecom'] } },
      ],
      edges: [
        { source: 'in', sourcePort: 'next', target: 'assign' },
        { source: 'assign', sourcePort: 'next', target: 'remind' },
        { source: 'remind', sourcePort: 'next', target: 'reminded' },
        { source: 'remind', sourcePort: 'skipped', target: 'no_wecom' },
      ],
      settings: { reentry: 'always' },
    })
    await kairos.api('PUT', '/api/contacts/mei', { attributes: { name: 'Mei', subscription_end: '2027-03-05' } })
    await kairos.api('PUT', '/api/contacts/bo', { attributes: { name: 'Bo', region: 'north', subscription_end: '2027-03-05' } })
  })
  afterAll(async () => {
    await kairos?.stop()
    await wecom.close()
  })

  it('assigns the rep and sends them a text card from the WeCom app, to their WeCom id', async () => {
    await kairos.api('POST', '/api/events', due('mei'))
    await kairos.drain()
    expect(wecom.accepted).toHaveLength(1)
    expect(wecom.accepted[0].json).toEqual({
      touser: 'lilei', agentid: 1000002, msgtype: 'textcard',
      textcard: { title: '续费提醒：Mei', description: 'Li Lei，Mei 的会员 2027-03-05 到期，还没有续费。', url: 'https://crm.example/contacts/mei' },
      enable_duplicate_check: 1, duplicate_check_interval: 1800,
    })
    const [delivery] = (await kairos.api('GET', '/api/deliveries?contact=mei')).body.deliveries
    expect(delivery).toMatchObject({ channel: 'wecom', provider: 'sales-app', to: 'lilei', status: 'sent', attempts: 1 })
    expect((await kairos.api('GET', '/api/contacts/mei')).body).toMatchObject({ ownerId: 'li', tags: ['rep_reminded'] })
  })

  it('skips a rep without a WeCom id, with the reason on the step, sending nothing', async () => {
    await kairos.api('POST', '/api/events', due('bo'))
    await kairos.drain()
    expect(wecom.accepted).toHaveLength(1)
    const remind = (await runSteps('bo')).find((s: any) => s.node === 'remind')
    expect(remind).toMatchObject({ nodeVersion: 2, port: 'skipped', result: { reason: 'sales rep Wang Fang (wang) has no WeCom id', owner: 'wang' } })
    expect((await kairos.api('GET', '/api/contacts/bo')).body.tags).toEqual(['rep_not_on_wecom'])
  })

  it('asks WeCom for one token across 100 reminders, again once the lifetime is over, and once more when WeCom ends it early', async () => {
    const before = wecom.tokenRequests
    expect(before).toBe(1)
    const contacts = Array.from({ length: 100 }, (_, i) => ({ externalId: `m${i}`, attributes: { name: `Member ${i}`, subscription_end: '2027-03-05' } }))
    expect((await kairos.api('POST', '/api/contacts/batch', { contacts })).status).toBe(200)
    await kairos.api('POST', '/api/events', { events: contacts.map((c) => due(c.externalId)) })
    await kairos.drain()
    expect(wecom.accepted).toHaveLength(101)
    expect(wecom.tokenRequests).toBe(1)

    await kairos.advance('2h') // WeCom's token (7200 s) is over, on both clocks
    await kairos.api('POST', '/api/events', due('mei'))
    await kairos.drain()
    expect(wecom.accepted).toHaveLength(102)
    expect(wecom.tokenRequests).toBe(2)

    wecom.expireTokens()
    await kairos.api('POST', '/api/events', due('mei'))
    await kairos.drain()
    expect(wecom.accepted).toHaveLength(103)
    expect(wecom.tokenRequests).toBe(3)
    const [last] = (await kairos.api('GET', '/api/deliveries?contact=mei')).body.deliveries
    expect(last).toMatchObject({ status: 'sent', attempts: 1, error: null })
  })

  it('keeps neither the secret nor any token in any table: deliveries, steps, the audit log', async () => {
    const tokens = new Set(wecom.requests.flatMap((r) => new URL(r.url, 'http://x').searchParams.get('access_token') ?? []))
    expect(tokens.size).toBe(3)
    const { rows } = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(kairos.core.database.db)
    for (const { name } of rows) {
      const dump = JSON.stringify((await sql`select * from ${sql.table(name)}`.execute(kairos.core.database.db)).rows)
      for (const secret of [CORP.secret, ...tokens]) expect(dump.includes(secret), `${name} holds a secret or token`).toBe(false)
    }
    const audit = (await kairos.api('GET', '/api/audit')).body
    expect(JSON.stringify(audit)).not.toContain(CORP.secret)
  })
})
