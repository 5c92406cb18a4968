import { createHmac } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { fakeHttpProvider } from '../support/fake-http-provider.ts'
import { fakeSmtpServer } from '../support/fake-smtp-server.ts'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

const line = (...ids: string[]) => ids.slice(1).map((target, i) => ({ source: ids[i], target }))

// Each journey-pack node through the API, against real outside servers on 127.0.0.1.
describe('journey pack nodes through the API', () => {
  const crm = fakeHttpProvider((status, request) => (status < 300 ? { lead: { score: 87 }, stage: 'sql', echo: request.body.contact.externalId } : { error: 'down' }))
  const smtp = fakeSmtpServer()
  let kairos: TestKairos

  beforeAll(async () => {
    const crmUrl = await crm.listen()
    const smtpPort = await smtp.listen()
    kairos = await startTestKairos()
    await kairos.api('PUT', '/api/channels/crm', { kind: 'webhook', config: { url: `${crmUrl}/hooks/kairos`, secret: 'whsec-0123456789' } })
    await kairos.api('PUT', '/api/channels/mail', { kind: 'email.smtp', config: { host: '127.0.0.1', port: smtpPort, from: 'Kairos <hello@shop.example>' } })
  })
  afterAll(async () => {
    await kairos?.stop()
    await crm.close()
    await smtp.close()
  })

  const runOf = async (contact: string) => {
    const { runs } = (await kairos.api('GET', `/api/runs?contact=${contact}`)).body
    return (await kairos.api('GET', `/api/runs/${runs[0].id}`)).body
  }
  const path = (run: any) => run.steps.map((s: any) => `${s.node}:${s.port}`)

  it('splits 1,000 contacts 50/50 within 5%, and a contact re-entering lands in the same arm', async () => {
    await publishFlow(kairos, 'A/B', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'ab_entered' } },
        { id: 'ab', type: 'split', config: { arms: [{ port: 'a', weight: 50 }, { port: 'b', weight: 50 }] } },
      ],
      edges: [{ source: 'in', target: 'ab' }],
      settings: { reentry: 'always' },
    })
    const events = Array.from({ length: 1000 }, (_, i) => ({ contact: `ab-${i}`, name: 'ab_entered' }))
    await kairos.api('POST', '/api/events', { events })
    await kairos.drain()
    await kairos.api('POST', '/api/events', { events: events.slice(0, 100) })
    await kairos.drain()
    const { rows } = await kairos.core.database.pool.query(`select c.external_id, r.vars->>'split.ab' as arm from runs r join contacts c on c.id = r.contact_id
      where c.external_id like 'ab-%' order by r.id`)
    const first = new Map<string, string>()
    for (const row of rows.slice(0, 1000)) first.set(row.external_id, row.arm)
    const a = [...first.values()].filter((arm) => arm === 'a').length
    expect(a).toBeGreaterThanOrEqual(450)
    expect(a).toBeLessThanOrEqual(550)
    for (const row of rows.slice(1000)) expect(row.arm).toBe(first.get(row.external_id))
  })

  it('issues 1,000 distinct codes to 1,000 contacts from a pool of 1,000 under concurrent runs, then reports it exhausted', async () => {
    await kairos.api('PUT', '/api/coupon-pools/spring', { name: 'Spring sale' })
    const codes = Array.from({ length: 1000 }, (_, i) => `SPRING-${String(i).padStart(4, '0')}`)
    expect((await kairos.api('POST', '/api/coupon-pools/spring/codes', { codes })).body).toMatchObject({ added: 1000, skipped: 0 })
    expect((await kairos.api('POST', '/api/coupon-pools/spring/codes', { codes: codes.slice(0, 10) })).body).toMatchObject({ added: 0, skipped: 10 })
    await publishFlow(kairos, 'Coupons', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'coupon_wanted' } },
        { id: 'coupon', type: 'coupon', config: { pool: 'spring' } },
        { id: 'none', type: 'tag', config: { add: ['no-coupon-left'] } },
      ],
      edges: [{ source: 'in', target: 'coupon' }, { source: 'coupon', sourcePort: 'exhausted', target: 'none' }],
    })
    // Four batches posted at once: the worker runs their transactions side by side.
    await Promise.all([0, 1, 2, 3].map((b) => kairos.api('POST', '/api/events', {
      events: Array.from({ length: 250 }, (_, i) => ({ contact: `cp-${b * 250 + i}`, name: 'coupon_wanted' })),
    })))
    await kairos.drain()
    const { rows } = await kairos.core.database.pool.query(`select attributes->'coupon'->>'code' as code from contacts where external_id like 'cp-%'`)
    const issued = rows.map((r: any) => r.code)
    expect(issued.filter(Boolean)).toHaveLength(1000)
    expect(new Set(issued).size).toBe(1000)
    expect((await kairos.api('GET', '/api/coupon-pools')).body.pools[0]).toMatchObject({ id: 'spring', total: 1000, issued: 1000, available: 0 })
    await kairos.api('POST', '/api/events', { contact: 'cp-late', name: 'coupon_wanted' })
    await kairos.drain()
    expect(path(await runOf('cp-late'))).toEqual(['in:next', 'coupon:exhausted', 'none:next'])
  })

  it('sends an email through a real SMTP server, rendered from Liquid, retrying a temporary refusal', async () => {
    await publishFlow(kairos, 'Email', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'guide_requested' } },
        { id: 'mail', type: 'send.email', config: {
          channel: 'mail', subject: 'Your guide, {{ contact.name }}', text: 'Hello {{ contact.name }}, here is {{ event.properties.guide }}.',
          html: '<p>Hello <b>{{ contact.name }}</b></p>',
        } },
        { id: 'sent', type: 'tag', config: { add: ['guide-sent'] } },
      ],
      edges: line('in', 'mail', 'sent'),
      settings: { reentry: 'always' },
    })
    smtp.reject([451])
    await kairos.api('PUT', '/api/contacts/eli', { attributes: { name: 'Eli', email: 'eli@example.com' } })
    await kairos.api('POST', '/api/events', { contact: 'eli', name: 'guide_requested', properties: { guide: 'the onboarding guide' } })
    await kairos.drain()
    expect(smtp.received).toHaveLength(0)
    await kairos.advance('10s')
    expect(smtp.received).toHaveLength(1)
    expect(smtp.received[0].to).toEqual(['eli@example.com'])
    expect(smtp.received[0].raw).toContain('Subject: Your guide, Eli')
    expect(smtp.received[0].raw).toContain('Hello Eli, here is the onboarding guide.')
    expect(smtp.received[0].raw).toContain('<b>Eli</b>')
    expect(path(await runOf('eli'))).toEqual(['in:next', 'mail:next', 'sent:next'])
    const [delivery] = (await kairos.api('GET', '/api/deliveries?contact=eli')).body.deliveries
    expect(delivery).toMatchObject({ channel: 'email', status: 'sent', attempts: 2, subject: 'Your guide, Eli' })
  })

  it('posts a signed webhook, merges the answer into the contact, and goes to failed after the last retry', async () => {
    await publishFlow(kairos, 'CRM sync', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'form_submitted' } },
        { id: 'score', type: 'update.contact', config: { increment: { lead_score: 10 }, set: { last_form: '{{ event.properties.form }}' } } },
        { id: 'sync', type: 'webhook', config: { channel: 'crm', merge: ['lead.score', 'stage'] } },
        { id: 'synced', type: 'tag', config: { add: ['crm-synced'] } },
        { id: 'unsynced', type: 'tag', config: { add: ['crm-sync-failed'] } },
      ],
      edges: [...line('in', 'score', 'sync', 'synced'), { source: 'sync', sourcePort: 'failed', target: 'unsynced' }],
      settings: { reentry: 'always' },
    })
    await kairos.api('PUT', '/api/contacts/fay', { attributes: { name: 'Fay', lead_score: 5 } })
    await kairos.api('POST', '/api/events', { contact: 'fay', name: 'form_submitted', properties: { form: 'pricing' } })
    await kairos.drain()
    const request = crm.received.at(-1)!
    const [t, v1] = String(request.headers['x-kairos-signature']).split(',').map((part) => part.split('=')[1])
    expect(v1).toBe(createHmac('sha256', 'whsec-0123456789').update(`${t}.${request.raw}`).digest('hex'))
    expect(request.body.contact).toMatchObject({ externalId: 'fay', attributes: { lead_score: 15, last_form: 'pricing' } })
    const fay = (await kairos.api('GET', '/api/contacts/fay')).body
    expect(fay.attributes).toMatchObject({ score: 87, stage: 'sql', lead_score: 15 })
    expect(fay.tags).toContain('crm-synced')

    crm.script(Array.from({ length: 10 }, () => 503))
    await kairos.api('PUT', '/api/contacts/gil', { attributes: { name: 'Gil' } })
    await kairos.api('POST', '/api/events', { contact: 'gil', name: 'form_submitted', properties: { form: 'demo' } })
    await kairos.drain()
    for (let i = 0; i < 10; i++) await kairos.advance('6h')
    const run = await runOf('gil')
    expect(path(run)).toEqual(['in:next', 'score:next', 'sync:failed', 'unsynced:next'])
    expect(run.steps[2].result).toMatchObject({ status: 'failed', error: 'provider answered HTTP 503' })
    expect((await kairos.api('GET', '/api/deliveries?contact=gil')).body.deliveries[0]).toMatchObject({ status: 'failed', attempts: 10 })
  })

  it('assigns contacts by rule and by fewest open tasks, skipping unavailable reps, with a follow-up task', async () => {
    await kairos.api('PUT', '/api/sales-reps/north-1', { name: 'Nora', team: 'north' })
    await kairos.api('PUT', '/api/sales-reps/south-1', { name: 'Sam', team: 'south' })
    await kairos.api('PUT', '/api/sales-reps/south-2', { name: 'Sue', team: 'south', available: false })
    await publishFlow(kairos, 'Handoff', {
      nodes: [
        { id: 'in', type: 'trigger.event', config: { event: 'mql_reached' } },
        { id: 'assign', type: 'assign.sales', config: {
          strategy: 'fewest_open_tasks', rules: [{ when: { attribute: 'region', op: 'eq', value: 'south' }, team: 'south' }], team: 'north',
          task: { title: 'Follow up with {{ contact.name }}', due: '4h' },
        } },
      ],
      edges: line('in', 'assign'),
    })
    await kairos.api('PUT', '/api/contacts/hu', { attributes: { name: 'Hu', region: 'south' } })
    await kairos.api('PUT', '/api/contacts/ivo', { attributes: { name: 'Ivo', region: 'north' } })
    await kairos.api('POST', '/api/events', { events: [{ contact: 'hu', name: 'mql_reached' }, { contact: 'ivo', name: 'mql_reached' }] })
    await kairos.drain()
    expect((await kairos.api('GET', '/api/contacts/hu')).body.ownerId).toBe('south-1')
    expect((await kairos.api('GET', '/api/contacts/ivo')).body.ownerId).toBe('north-1')
    const tasks = (await kairos.api('GET', '/api/tasks?status=open')).body.tasks
    expect(tasks.map((t: any) => [t.contact, t.repId, t.kind, t.title])).toEqual(expect.arrayContaining([
      ['hu', 'south-1', 'follow_up', 'Follow up with Hu'],
      ['ivo', 'north-1', 'follow_up', 'Follow up with Ivo'],
    ]))
    const reps = (await kairos.api('GET', '/api/sales-reps')).body.salesReps
    expect(reps.find((r: any) => r.id === 'south-1').openTasks).toBe(1)
  })
})
