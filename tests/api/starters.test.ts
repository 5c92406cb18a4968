import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeSmtpServer } from '../support/fake-smtp-server.ts'
import { BINDINGS, fakeSmsProvider, fakeWecomRobot, setUpWorkspace } from '../support/starter-workspace.ts'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { userSession } from '../support/test-auth.ts'
import { findStarter, starterFiles, starterFileProblems } from '../../packages/server/src/starters/starter-catalog.ts'
import { starterGraph } from '../../packages/server/src/starters/starter-graph.ts'

// The starter library: six journeys a team imports as drafts and adapts. Every
// starter, in both languages, imports with the team's own channels, pools and
// segments and publishes; unbound references are named by publishing until the
// draft fills them in. starter-journeys.test.ts runs contacts through three of them.

describe('the starter catalog and its import', () => {
  const sms = fakeSmsProvider()
  const wecom = fakeWecomRobot()
  const smtp = fakeSmtpServer()
  let kairos: TestKairos
  let dormant: string

  beforeAll(async () => {
    const [smsUrl, wecomUrl, smtpPort] = await Promise.all([sms.listen(), wecom.listen(), smtp.listen()])
    kairos = await startTestKairos()
    await setUpWorkspace(kairos, { sms: smsUrl, wecom: wecomUrl, smtpPort })
    // The win-back segment, made from the rule the starter suggests (as the import dialog does).
    const winBack = (await kairos.api('GET', '/api/starters')).body.starters.find((s: any) => s.id === 'win-back')
    const created = await kairos.api('POST', '/api/segments', { name: winBack.needs.segments[0].suggested.name.en, condition: winBack.needs.segments[0].suggested.condition })
    expect(created.status).toBe(201)
    dormant = created.body.id
    BINDINGS['win-back'].segments = { 'dormant-customers': dormant }
  })
  afterAll(async () => {
    await kairos?.stop()
    await Promise.all([sms.close(), wecom.close(), smtp.close()])
  })

  it('lists six starters with their texts in both languages and what each needs', async () => {
    const { status, body } = await kairos.api('GET', '/api/starters')
    expect(status).toBe(200)
    expect(body.starters.map((s: any) => s.id)).toEqual(['welcome', 'cart-abandonment', 'birthday-coupon', 'premium-renewal', 'win-back', 'lead-nurture'])
    for (const starter of body.starters) {
      expect(starter.languages).toEqual(['en', 'zh-CN'])
      for (const text of [starter.name, starter.description, starter.adapt]) expect(text['zh-CN']).toMatch(/[\u4e00-\u9fff]/)
    }
    const renewal = body.starters.find((s: any) => s.id === 'premium-renewal')
    expect(renewal).toMatchObject({ nodeCount: 11, trigger: 'trigger.date', name: { en: 'Premium member renewal', 'zh-CN': '高级会员续费提醒' } })
    expect(renewal.needs.channels).toEqual([
      { key: 'sales-wecom', kind: 'wecom.robot', kinds: ['wecom.robot'], label: expect.any(Object), nodes: ['remind3', 'remind2', 'remind1'] },
      { key: 'sms-marketing', kind: 'sms.http', kinds: ['sms.http', 'sms.aliyun', 'sms.tencent'], label: expect.any(Object), nodes: ['sms'] },
    ])
    expect(renewal.needs.pools).toEqual([{ key: 'renewal-coupons', label: expect.any(Object), nodes: ['coupon'] }])
    const winBack = body.starters.find((s: any) => s.id === 'win-back')
    expect(winBack.needs.segments[0]).toMatchObject({ key: 'dormant-customers', nodes: ['daily'], suggested: { name: { en: 'Dormant customers', 'zh-CN': '沉睡客户' } } })
    expect(body.starters.find((s: any) => s.id === 'welcome').needs).toEqual({
      channels: [{ key: 'email-main', kind: 'email.smtp', kinds: ['email.smtp'], label: expect.any(Object), nodes: ['welcome', 'reminder'] }],
      pools: [],
      segments: [],
    })
  })

  it("selects, with the win-back starter's suggested segment, customers past their own usual order interval", async () => {
    const day = 86_400_000
    const customer = async (id: string, interval: number | null, daysSinceOrder: number) => {
      await kairos.api('PUT', `/api/contacts/${id}`, { attributes: interval === null ? { name: id } : { name: id, order_interval_days: interval } })
      const occurredAt = new Date(kairos.now().getTime() - daysSinceOrder * day).toISOString()
      expect((await kairos.api('POST', '/api/events', { contact: id, name: 'order_placed', occurredAt })).status).toBe(202)
    }
    await customer('weekly-late', 10, 20) // buys every 10 days, nothing for 20: dormant
    await customer('weekly-fine', 10, 5)
    await customer('bimonthly-fine', 45, 50) // buys every 45 days: 50 days is still within its 60-day band
    await customer('bimonthly-late', 45, 70)
    await customer('unknown-late', null, 200) // no interval known: dormant after 180 days
    await customer('long-gone', 10, 400) // nothing for over a year: not this journey's audience
    const preview = (await kairos.api('GET', `/api/segments/${dormant}/preview?sample=20`)).body
    expect(preview.sample.map((c: any) => c.externalId).sort()).toEqual(['bimonthly-late', 'unknown-late', 'weekly-late'])
    expect(preview.count).toBe(3)
  })

  it('lays an imported starter out top to bottom, branches side by side, a straight run in one column', () => {
    const { graph } = starterGraph(findStarter('cart-abandonment')!, 'en') as { graph: { nodes: Array<{ id: string; position: { x: number; y: number } }> } }
    const at = Object.fromEntries(graph.nodes.map((n) => [n.id, [n.position.x, n.position.y]]))
    expect(at).toEqual({
      cart: [0, 0], wait30m: [0, 170], paid: [0, 340],
      bought: [-150, 510], reminder: [150, 510], // paid: yes on the left, no on the right
      ordered: [150, 680], recovered: [0, 850], coupon: [300, 850], offer: [300, 1020],
    })
  })

  it('finds what is wrong in a starter file: texts missing in a language, references undeclared or unused', () => {
    for (const file of starterFiles()) expect(starterFileProblems(file), file.id).toEqual([])
    const broken = structuredClone(starterFiles().find((f) => f.id === 'birthday-coupon')!)
    delete broken.texts['zh-CN']['greet.text']
    broken.references.pools = { 'spring-coupons': { en: 'Spring', 'zh-CN': '春季' } }
    expect(starterFileProblems(broken)).toEqual([
      'texts.zh-CN has other keys than texts.en',
      'graph.nodes[2].config.text: no texts.zh-CN["greet.text"]',
      'graph node coupon config.pool: pool "birthday-coupons" is not declared under references.pools',
      'references.pools.spring-coupons is used by no node',
    ])
  })

  it('imports every starter in both languages with real channels, pools and segments, and each publishes', async () => {
    for (const { id } of (await kairos.api('GET', '/api/starters')).body.starters)
      for (const language of ['en', 'zh-CN']) {
        const imported = await kairos.api('POST', `/api/starters/${id}/import`, { language, ...BINDINGS[id] })
        expect(imported.status, `${id} ${language}: ${JSON.stringify(imported.body)}`).toBe(201)
        expect(imported.body.unbound).toEqual([])
        const { flow } = imported.body
        expect(flow.status).toBe('draft')
        for (const node of flow.graph.nodes) {
          expect(node.position, `${id} ${node.id} has a place on the canvas`).toEqual({ x: expect.any(Number), y: expect.any(Number) })
          expect(JSON.stringify(node)).not.toContain('$text:')
        }
        if (language === 'zh-CN') expect(flow.graph.nodes.every((n: any) => /[\u4e00-\u9fff]/.test(n.label))).toBe(true)
        const published = await kairos.api('POST', `/api/flows/${flow.id}/publish`, {})
        expect(published.status, `${id} ${language}: ${JSON.stringify(published.body)}`).toBe(200)
        expect(published.body.flow.status).toBe('active')
        // Paused at once, so the next import's triggers do not race this one's in the same workspace.
        await kairos.api('POST', `/api/flows/${flow.id}/pause`)
      }
  })

  it('names the journey in the chosen language, or as asked, and records the import in the audit trail', async () => {
    const zh = await kairos.api('POST', '/api/starters/premium-renewal/import', { language: 'zh-CN', ...BINDINGS['premium-renewal'] })
    expect(zh.body.flow.name).toBe('高级会员续费提醒')
    const sms = zh.body.flow.graph.nodes.find((n: any) => n.id === 'sms')
    expect(sms).toMatchObject({ type: 'send.sms', version: 4, label: '优惠券短信', config: { channel: 'sms-main', category: 'marketing' } })
    expect(sms.config.text).toContain('{{ coupon.code }}')
    expect(zh.body.flow.graph.settings).toMatchObject({ timezone: 'Asia/Shanghai', caps: [{ channel: 'sms', max: 2, per: '1d' }], quietHours: { from: '21:00', to: '09:00' } })
    const named = await kairos.api('POST', '/api/starters/welcome/import', { name: 'Spring welcome', channels: { 'email-main': 'mail' } })
    expect(named.body.flow.name).toBe('Spring welcome')
    const trail = (await kairos.api('GET', `/api/audit?target=flow:${zh.body.flow.id}`)).body.entries
    expect(trail).toHaveLength(1)
    expect(trail[0]).toMatchObject({ action: 'flow.create', diff: { name: '高级会员续费提醒', nodes: 11, starter: 'premium-renewal', language: 'zh-CN' } })
  })

  it('leaves what is not bound for publishing to name, and publishes once the draft fills it in', async () => {
    const imported = await kairos.api('POST', '/api/starters/premium-renewal/import', { language: 'en' })
    expect(imported.status).toBe(201)
    expect(imported.body.unbound.map((u: any) => `${u.kind}:${u.key}@${u.node}.${u.field}`)).toEqual([
      'channel:sales-wecom@remind3.config.channel',
      'pool:renewal-coupons@coupon.config.pool',
      'channel:sms-marketing@sms.config.channel',
      'channel:sales-wecom@remind2.config.channel',
      'channel:sales-wecom@remind1.config.channel',
    ])
    const { flow } = imported.body
    const publish = () => kairos.api('POST', `/api/flows/${flow.id}/publish`, {})
    const problems = (reply: any) => reply.body.error.details.map((d: any) => `${d.node}.${d.field}: ${d.message}`).sort()
    // Publishing checks the steps' own configs first, then what only the database knows (channels).
    const refused = await publish()
    expect(refused.status).toBe(400)
    expect(refused.body.error.code).toBe('KAIROS_FLOW_INVALID')
    expect(problems(refused)).toEqual(['coupon.config.pool: give a pool or a pattern'])

    // The operator picks the pool in the step's form; publishing then names the channels.
    const graph = structuredClone(flow.graph)
    graph.nodes.find((n: any) => n.id === 'coupon').config.pool = 'renewal'
    expect((await kairos.api('PUT', `/api/flows/${flow.id}`, { graph })).status).toBe(200)
    const channels = await publish()
    expect(channels.status).toBe(400)
    expect(problems(channels)).toEqual([
      'remind1.config.channel: channel "sales-wecom" does not exist; configure it at PUT /api/channels/sales-wecom (kind wecom.robot)',
      'remind2.config.channel: channel "sales-wecom" does not exist; configure it at PUT /api/channels/sales-wecom (kind wecom.robot)',
      'remind3.config.channel: channel "sales-wecom" does not exist; configure it at PUT /api/channels/sales-wecom (kind wecom.robot)',
      'sms.config.channel: channel "sms-marketing" does not exist; configure it at PUT /api/channels/sms-marketing (kind sms.http, sms.aliyun or sms.tencent)',
    ])

    // Then the channels: the draft publishes.
    for (const node of graph.nodes) {
      if (node.type === 'notify.wecom') node.config.channel = 'sales-robot'
      if (node.type === 'send.sms') node.config.channel = 'sms-main'
    }
    expect((await kairos.api('PUT', `/api/flows/${flow.id}`, { graph })).status).toBe(200)
    expect((await publish()).status).toBe(200)
    await kairos.api('POST', `/api/flows/${flow.id}/pause`)

    const winBack = await kairos.api('POST', '/api/starters/win-back/import', { language: 'zh-CN', channels: { 'sms-marketing': 'sms-main' }, pools: { 'winback-coupons': 'winback' } })
    expect(winBack.body.unbound).toEqual([{ kind: 'segment', key: 'dormant-customers', node: 'daily', field: 'config.segment' }])
    const noAudience = await kairos.api('POST', `/api/flows/${winBack.body.flow.id}/publish`, {})
    expect(noAudience.body.error.details).toEqual([{ node: 'daily', field: 'config.segment', message: 'give the audience as one of: a segment, a condition, or everyone' }])
  })

  it('refuses bindings that name nothing, or the wrong kind, each by its field, and creates no flow', async () => {
    const before = (await kairos.api('GET', '/api/flows')).body.flows.length
    const bad = await kairos.api('POST', '/api/starters/premium-renewal/import', {
      channels: { 'sales-wecom': 'mail', 'sms-marketing': 'sms-nowhere', 'push-main': 'sms-main' },
      pools: { 'renewal-coupons': 'no-such-pool' },
      segments: { 'dormant-customers': dormant },
    })
    expect(bad.status).toBe(400)
    expect(bad.body.error.code).toBe('KAIROS_VALIDATION')
    expect(bad.body.error.details).toEqual([
      { field: 'body.channels.sales-wecom', message: 'channel "mail" is of kind email.smtp; the starter needs a wecom.robot channel here' },
      { field: 'body.channels.sms-marketing', message: 'channel "sms-nowhere" does not exist' },
      { field: 'body.channels.push-main', message: 'the starter "premium-renewal" has no channel "push-main"; it asks for: sales-wecom, sms-marketing' },
      { field: 'body.pools.renewal-coupons', message: 'coupon pool "no-such-pool" does not exist' },
      { field: 'body.segments.dormant-customers', message: 'the starter "premium-renewal" needs no segments' },
    ])
    const missingSegment = await kairos.api('POST', '/api/starters/win-back/import', { segments: { 'dormant-customers': '00000000-0000-4000-8000-000000000000' } })
    expect(missingSegment.body.error.details).toEqual([{ field: 'body.segments.dormant-customers', message: 'segment "00000000-0000-4000-8000-000000000000" does not exist' }])
    const language = await kairos.api('POST', '/api/starters/welcome/import', { language: 'fr' })
    expect(language.status).toBe(400)
    expect(JSON.stringify(language.body.error.details)).toContain('body.language')
    const noBody = await kairos.api('POST', '/api/starters/welcome/import')
    expect([noBody.status, noBody.body.error?.details?.[0]?.field]).toEqual([400, 'body'])
    const unknown = await kairos.api('POST', '/api/starters/black-friday/import', {})
    expect(unknown.status).toBe(404)
    expect(unknown.body.error).toMatchObject({ code: 'KAIROS_NOT_FOUND', message: 'starter "black-friday" does not exist' })
    expect((await kairos.api('GET', '/api/flows')).body.flows).toHaveLength(before)
  })

  it('lets a viewer browse the library but not import; an editor imports', async () => {
    const viewer = await userSession(kairos.app, kairos.authHeaders, { email: 'vera@shop.example', role: 'viewer' })
    expect((await viewer.api('GET', '/api/starters')).status).toBe(200)
    const refused = await viewer.api('POST', '/api/starters/welcome/import', {})
    expect(refused.status).toBe(403)
    expect(refused.body.error.code).toBe('KAIROS_FORBIDDEN')
    const editor = await userSession(kairos.app, kairos.authHeaders, { email: 'eda@shop.example', role: 'editor' })
    const imported = await editor.api('POST', '/api/starters/welcome/import', { language: 'zh-CN' })
    expect(imported.status).toBe(201)
    expect(imported.body.flow.name).toBe('新会员欢迎')
  })
})
