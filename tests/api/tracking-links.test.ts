import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'
import { StepLinks } from '../../packages/server/src/tracking/step-links.ts'
import { pruneDeliveriesBatch } from '../../packages/server/src/retention/prune-deliveries.ts'

const BASE = 'https://go.shop.example'
const CODE = '[0-9A-Za-z]{10}'

// Short links and open pixels end to end on a real Postgres: made by the `track` filter and the
// email rewriting inside run(), stored with their delivery, followed through the public routes.
describe('tracked links', () => {
  let kairos: TestKairos
  let smsFlow: string
  let emailFlow: string

  beforeAll(async () => {
    kairos = await startTestKairos({ publicUrl: BASE })
    smsFlow = await publishFlow(kairos, 'Launch SMS', {
      nodes: [
        { id: 'entry', type: 'trigger.event', config: { event: 'launch' } },
        { id: 'sms', type: 'send.sms', config: { text: '新品 {{ "https://shop.example/p/1?utm=sms&x=1" | track }} 或 {{ "https://shop.example/sale" | track }} 回T退订' } },
      ],
      edges: [{ source: 'entry', target: 'sms' }],
      settings: { reentry: 'always' },
    })
    emailFlow = await publishFlow(kairos, 'Launch email', {
      nodes: [
        { id: 'entry', type: 'trigger.event', config: { event: 'newsletter' } },
        {
          id: 'mail', type: 'send.email', config: {
            subject: 'New in', text: 'See https://shop.example/new',
            html: '<html><body><p><a class="btn" href="https://shop.example/new?a=1&amp;b=2">New</a> <a href="mailto:help@shop.example">Help</a> '
              + '<a href="https://shop.example/unsubscribe" data-kairos-track="off">Unsubscribe</a> <a href=\'#top\'>Top</a></p></body></html>',
          },
        },
      ],
      edges: [{ source: 'entry', target: 'mail' }],
      settings: { reentry: 'always' },
    })
    await kairos.api('PUT', '/api/contacts/mei', { attributes: { phone: '+8613900000001', email: 'mei@example.cn' } })
    await kairos.api('PUT', '/api/contacts/otto', { attributes: { phone: '+4915100000002', email: 'otto@example.de' } })
  })
  afterAll(async () => {
    await kairos?.stop()
  })

  const db = () => kairos.core.database.db
  const deliveryOf = async (contact: string, channel: string) =>
    (await kairos.api('GET', `/api/deliveries?contact=${contact}&channel=${channel}`)).body.deliveries[0]
  const linksOf = async (delivery: string) =>
    (await sql<{ code: string; kind: string; target: string | null; position: number; uses: number }>`select code, kind, target, position, uses
      from tracked_links where delivery_id = ${delivery} order by kind, position`.execute(db())).rows
  const eventsOf = async (contact: string, name: string) =>
    (await sql<{ properties: Record<string, unknown>; idempotency_id: string }>`select e.properties, e.idempotency_id from events e
      join contacts c on c.id = e.contact_id where c.external_id = ${contact} and e.name = ${name} order by e.id`.execute(db())).rows
  const htmlOf = async (delivery: string) => (await sql<{ html: string | null }>`select html from deliveries where id = ${delivery}`.execute(db())).rows[0].html
  // Runs entered at the fake clock's now; the report's window ends before what is to come.
  const reportOf = async (flow: string) => (await kairos.api('GET', `/api/flows/${flow}/report?to=${new Date(Date.now() + 60_000).toISOString()}`)).body
  const get = (url: string, headers: Record<string, string> = {}) => kairos.app.inject({ method: 'GET', url, headers })
  const codeIn = (url: string) => url.slice(url.lastIndexOf('/') + 1)

  it('renders short links on the public base URL and stores them with the delivery', async () => {
    await kairos.api('POST', '/api/events', { contact: 'mei', name: 'launch' })
    await kairos.drain()
    const sms = await deliveryOf('mei', 'sms')
    expect(sms.body).toMatch(new RegExp(`^新品 ${BASE}/c/${CODE} 或 ${BASE}/c/${CODE} 回T退订$`))
    const urls = sms.body.match(new RegExp(`${BASE}/c/${CODE}`, 'g'))
    expect(urls[0]).not.toBe(urls[1])
    // A short link fits an SMS: the base plus 13 characters.
    expect(urls[0].length).toBe(BASE.length + 13)
    expect(await linksOf(sms.id)).toEqual([
      { code: codeIn(urls[0]), kind: 'click', target: 'https://shop.example/p/1?utm=sms&x=1', position: 0, uses: 0 },
      { code: codeIn(urls[1]), kind: 'click', target: 'https://shop.example/sale', position: 1, uses: 0 },
    ])
  })

  it('makes the same codes from the same step key (a retried step) and others for another step; codes are not sequential', async () => {
    const sms = await deliveryOf('mei', 'sms')
    const { rows } = await sql<{ seq: number }>`select s.seq from steps s where s.run_id = ${sms.runId} and s.node_id = 'sms'`.execute(db())
    const stepKey = `run:${sms.runId}:${rows[0].seq}`
    const again = new StepLinks(kairos.core.execution.tracking, stepKey)
    await again.ready()
    const [first, second] = await linksOf(sms.id)
    expect(again.track('https://shop.example/p/1?utm=sms&x=1')).toBe(`${BASE}/c/${first.code}`)
    expect(again.track('https://shop.example/sale')).toBe(`${BASE}/c/${second.code}`)
    const other = new StepLinks(kairos.core.execution.tracking, `run:${sms.runId}:${rows[0].seq + 1}`)
    await other.ready()
    expect(other.track('https://shop.example/p/1?utm=sms&x=1')).not.toBe(`${BASE}/c/${first.code}`)
    // A second contact's run, one id later, shares no prefix pattern with the first.
    await kairos.api('POST', '/api/events', { contact: 'otto', name: 'launch' })
    await kairos.drain()
    const [otto] = await linksOf((await deliveryOf('otto', 'sms')).id)
    expect(otto.code).not.toBe(first.code)
    expect(otto.code.slice(0, 4)).not.toBe(first.code.slice(0, 4))
  })

  it('redirects to the stored target and emits message.clicked once per delivery, however many links and clicks', async () => {
    const sms = await deliveryOf('mei', 'sms')
    const [first, second] = await linksOf(sms.id)
    const click = await get(`/c/${first.code}`)
    expect(click.statusCode).toBe(302)
    expect(click.headers.location).toBe('https://shop.example/p/1?utm=sms&x=1')
    expect(click.headers['cache-control']).toBe('no-store')
    const clicked = await eventsOf('mei', 'message.clicked')
    expect(clicked).toEqual([{
      idempotency_id: `receipt:${sms.id}:clicked`,
      properties: { delivery: sms.id, channel: 'sms', flowId: smsFlow, node: 'sms', runId: sms.runId, url: 'https://shop.example/p/1?utm=sms&x=1', link: 0 },
    }])
    // The same link again, and the other link: both redirect, neither emits a second event.
    expect((await get(`/c/${first.code}`)).statusCode).toBe(302)
    expect((await get(`/c/${second.code}`)).headers.location).toBe('https://shop.example/sale')
    expect(await eventsOf('mei', 'message.clicked')).toHaveLength(1)
    expect((await linksOf(sms.id)).map((l) => l.uses)).toEqual([2, 1])
    // The first click is on the delivery as a receipt (outbox, the contact's messages); its status stays sent.
    const after = (await kairos.api('GET', `/api/deliveries/${sms.id}`)).body
    expect([after.status, after.receipts]).toEqual(['sent', { clicked: kairos.now().toISOString() }])
  })

  it('counts neither HEAD requests nor prefetches, though they are answered', async () => {
    const [link] = await linksOf((await deliveryOf('otto', 'sms')).id)
    const head = await kairos.app.inject({ method: 'HEAD', url: `/c/${link.code}` })
    expect(head.statusCode).toBe(302)
    expect(head.headers.location).toBe('https://shop.example/p/1?utm=sms&x=1')
    expect((await get(`/c/${link.code}`, { 'sec-purpose': 'prefetch' })).statusCode).toBe(302)
    expect((await get(`/c/${link.code}`, { purpose: 'prefetch' })).statusCode).toBe(302)
    expect((await linksOf((await deliveryOf('otto', 'sms')).id))[0].uses).toBe(0)
    expect(await eventsOf('otto', 'message.clicked')).toHaveLength(0)
  })

  it('answers an unknown, malformed or preview code with a 404 page, never a redirect', async () => {
    for (const path of ['/c/AAAAAAAAAA', '/c/short', '/c/..%2F..%2Fetc', `/c/${'x'.repeat(150)}`, '/c/https:%2F%2Fevil.example']) {
      const answer = await get(path)
      expect(answer.statusCode, path).toBe(404)
      expect(answer.headers.location, path).toBeUndefined()
      expect(answer.headers['content-type'], path).toBe('text/html; charset=utf-8')
      expect(answer.body, path).toContain('This link is not known or has expired.')
    }
    const preview = await get('/c/preview-01')
    expect(preview.statusCode).toBe(404)
    expect(preview.body).toContain('This is a preview link')
    // An open pixel's code is not a click link.
    const mailSent = await kairos.api('POST', '/api/events', { contact: 'otto', name: 'newsletter' })
    expect(mailSent.status).toBe(202)
    await kairos.drain()
    const pixel = (await linksOf((await deliveryOf('otto', 'email')).id)).find((l) => l.kind === 'open')!
    expect((await get(`/c/${pixel.code}`)).statusCode).toBe(404)
  })

  it("rewrites an email's http links, leaves opted-out, mailto and anchor links, and adds an open pixel", async () => {
    await kairos.api('POST', '/api/events', { contact: 'mei', name: 'newsletter' })
    await kairos.drain()
    const mail = await deliveryOf('mei', 'email')
    const links = await linksOf(mail.id)
    const click = links.find((l) => l.kind === 'click')!
    const open = links.find((l) => l.kind === 'open')!
    expect(links).toHaveLength(2)
    expect(click.target).toBe('https://shop.example/new?a=1&b=2')
    expect(await htmlOf(mail.id)).toBe(
      `<html><body><p><a class="btn" href="${BASE}/c/${click.code}">New</a> <a href="mailto:help@shop.example">Help</a> `
        + `<a href="https://shop.example/unsubscribe">Unsubscribe</a> <a href='#top'>Top</a></p>`
        + `<img src="${BASE}/o/${open.code}.gif" width="1" height="1" alt="" style="display:block;width:1px;height:1px;border:0"></body></html>`,
    )
    // The text part is left as written (no `| track` in it).
    expect(mail.body).toBe('See https://shop.example/new')
  })

  it('answers the pixel with a 1×1 GIF and emits message.opened once per delivery', async () => {
    const mail = await deliveryOf('mei', 'email')
    const open = (await linksOf(mail.id)).find((l) => l.kind === 'open')!
    const pixel = await get(`/o/${open.code}.gif`)
    expect(pixel.statusCode).toBe(200)
    expect(pixel.headers['content-type']).toBe('image/gif')
    expect(pixel.rawPayload.subarray(0, 6).toString('latin1')).toBe('GIF89a')
    expect(pixel.rawPayload.length).toBe(42)
    await get(`/o/${open.code}.gif`)
    const opened = await eventsOf('mei', 'message.opened')
    expect(opened).toEqual([{
      idempotency_id: `receipt:${mail.id}:opened`,
      properties: { delivery: mail.id, channel: 'email', flowId: emailFlow, node: 'mail', runId: mail.runId },
    }])
    expect((await kairos.api('GET', `/api/deliveries/${mail.id}`)).body.receipts).toEqual({ opened: kairos.now().toISOString() })
    const unknown = await get('/o/AAAAAAAAAA.gif')
    expect([unknown.statusCode, unknown.headers['content-type'], unknown.rawPayload.length]).toEqual([404, 'image/gif', 42])
    expect((await get('/o/nothing')).statusCode).toBe(404)
  })

  it('counts clicks and opens in the flow report per step, each delivery once', async () => {
    const sms = await reportOf(smsFlow)
    // Mei clicked (three times, two links), Otto was only prefetched.
    expect(sms.messages.sms).toMatchObject({ channel: 'sms', sent: 2, clicked: 1, opened: 0 })
    const mail = await deliveryOf('mei', 'email')
    const click = (await linksOf(mail.id)).find((l) => l.kind === 'click')!
    expect((await get(`/c/${click.code}`)).headers.location).toBe('https://shop.example/new?a=1&b=2')
    const email = await reportOf(emailFlow)
    expect(email.messages.mail).toMatchObject({ channel: 'email', sent: 2, clicked: 1, opened: 1 })
  })

  it('previews `| track` as preview links and stores nothing', async () => {
    const before = (await sql<{ n: number }>`select count(*)::int as n from tracked_links`.execute(db())).rows[0].n
    const preview = await kairos.api('POST', '/api/templates/preview', { template: 'Sale {{ "https://shop.example/sale" | track }} {{ "https://shop.example/p/2" | track }}' })
    expect(preview.status).toBe(200)
    expect(preview.body.text).toBe(`Sale ${BASE}/c/preview-01 ${BASE}/c/preview-02`)
    expect(preview.body.missing).toEqual([])
    const bad = await kairos.api('POST', '/api/templates/preview', { template: '{{ "javascript:alert(1)" | track }}' })
    expect(bad.status).toBe(400)
    expect(bad.body.error.message).toContain('the track filter links to http(s) URLs only')
    expect((await sql<{ n: number }>`select count(*)::int as n from tracked_links`.execute(db())).rows[0].n).toBe(before)
  })

  it('simulates `| track` as preview links and stores nothing', async () => {
    const count = async () => (await sql<{ n: number }>`select count(*)::int as n from tracked_links`.execute(db())).rows[0].n
    const before = await count()
    const simulated = await kairos.api('POST', `/api/flows/${smsFlow}/simulate`, {
      version: 1, contacts: ['mei'], events: [{ at: '+0m', contact: 'mei', name: 'launch' }], horizon: '1h',
    })
    expect(simulated.status).toBe(200)
    const step = simulated.body.contacts[0].runs[0].steps.find((s: { node: string }) => s.node === 'sms')
    expect(step.message.text).toBe(`新品 ${BASE}/c/preview-01 或 ${BASE}/c/preview-02 回T退订`)
    expect(await count()).toBe(before)
  })

  it('without KAIROS_PUBLIC_URL, says to set it: in the preview and on the step', async () => {
    await kairos.restart({ publicUrl: undefined })
    const preview = await kairos.api('POST', '/api/templates/preview', { template: '{{ "https://shop.example/sale" | track }}' })
    expect(preview.status).toBe(400)
    expect(preview.body.error.message).toContain('set KAIROS_PUBLIC_URL')
    await kairos.api('POST', '/api/events', { contact: 'otto', name: 'launch' })
    await kairos.drain()
    const { body } = await kairos.api('GET', `/api/runs?flow=${smsFlow}&status=failed`)
    expect(body.runs).toHaveLength(1)
    expect(body.runs[0].error).toContain('set KAIROS_PUBLIC_URL')
    // Emails go as written, with no pixel.
    await kairos.advance('1m')
    await kairos.api('POST', '/api/events', { contact: 'otto', name: 'newsletter' })
    await kairos.drain()
    const emails = (await kairos.api('GET', '/api/deliveries?contact=otto&channel=email')).body.deliveries
    expect(emails).toHaveLength(2)
    const latest = emails.find((d: { createdAt: string }) => d.createdAt === kairos.now().toISOString())
    expect(await htmlOf(latest.id)).toContain('href="https://shop.example/new?a=1&amp;b=2"')
    expect(await htmlOf(latest.id)).not.toContain('/o/')
    expect(await linksOf(latest.id)).toEqual([])
    await kairos.restart({ publicUrl: BASE })
  })

  it('loses a delivery\'s links when retention prunes the delivery: the short link is then unknown', async () => {
    const sms = await deliveryOf('mei', 'sms')
    const [link] = await linksOf(sms.id)
    await kairos.advance('1d')
    await db().transaction().execute((trx) => pruneDeliveriesBatch(trx, new Date()))
    expect(await linksOf(sms.id)).toEqual([])
    expect((await get(`/c/${link.code}`)).statusCode).toBe(404)
  })
})
