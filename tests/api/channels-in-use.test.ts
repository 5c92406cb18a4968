import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { publishFlow, startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// Issue 12: a channel a live journey sends through could be changed to another kind (200)
// or deleted (204), and the journey's next message failed outright. Both are refused with
// 409 naming the flows, as a segment in use is; the same kind with new settings is not.
describe('channels in use', () => {
  let kairos: TestKairos
  const sms = (url = 'http://127.0.0.1:9/sms') => ({ kind: 'sms.http', config: { url } })
  const webhook = { kind: 'webhook', config: { url: 'http://127.0.0.1:9/hook', secret: 'signing-secret-1' } }

  beforeAll(async () => {
    kairos = await startTestKairos()
  })
  afterAll(() => kairos?.stop())

  /** Enters on `event`, texts through `channel`, waits a day, then texts through it again. */
  const smsFlow = (channel: string, event: string) => ({
    nodes: [
      { id: 'in', type: 'trigger.event', config: { event } },
      { id: 'hello', type: 'wait', config: { for: '1d' } },
      { id: 'text', type: 'send.sms', config: { text: 'Hi', channel } },
    ],
    edges: [{ source: 'in', target: 'hello' }, { source: 'hello', target: 'text' }],
    settings: { reentry: 'always' as const },
  })
  const channel = async (name: string) => (await kairos.api('GET', `/api/channels/${name}`)).body

  it('refuses to change the kind of, or delete, a channel a published flow sends through, naming the flows', async () => {
    expect((await kairos.api('PUT', '/api/channels/sms-main', sms())).status).toBe(200)
    const welcome = await publishFlow(kairos, 'Welcome', smsFlow('sms-main', 'signed_up'))
    const winBack = await publishFlow(kairos, 'Win-back', smsFlow('sms-main', 'lapsed'))

    const changed = await kairos.api('PUT', '/api/channels/sms-main', { kind: 'email.smtp', config: { host: 'smtp.example.com', port: 587, from: 'a@example.com' } })
    expect(changed.status).toBe(409)
    expect(changed.body.error).toMatchObject({ code: 'KAIROS_CONFLICT', message: expect.stringContaining('"Welcome", "Win-back"') })
    expect(changed.body.error.message).toContain('sms.http')
    expect(changed.body.error.details).toEqual([
      { field: 'body.kind', message: `used by flow ${welcome} ("Welcome"), version 1 (published), node text` },
      { field: 'body.kind', message: `used by flow ${winBack} ("Win-back"), version 1 (published), node text` },
    ])
    const deleted = await kairos.api('DELETE', '/api/channels/sms-main')
    expect(deleted.status).toBe(409)
    expect(deleted.body.error.code).toBe('KAIROS_CONFLICT')
    expect(deleted.body.error.details.map((d: any) => d.message)).toEqual([
      `used by flow ${welcome} ("Welcome"), version 1 (published), node text`,
      `used by flow ${winBack} ("Win-back"), version 1 (published), node text`,
    ])
    expect(await channel('sms-main')).toMatchObject({ name: 'sms-main', kind: 'sms.http', config: { url: 'http://127.0.0.1:9/sms' } })
    // Nothing changed, so nothing is audited as changed.
    const { entries } = (await kairos.api('GET', '/api/audit?target=channel:sms-main')).body
    expect(entries.map((e: any) => e.action)).toEqual(['channel.create'])
  })

  it('lets the settings of a channel in use change while its kind stays', async () => {
    const put = await kairos.api('PUT', '/api/channels/sms-main', { ...sms('http://127.0.0.1:9/v2/sms'), ratePerSecond: 5 })
    expect(put.status).toBe(200)
    expect(put.body).toMatchObject({ kind: 'sms.http', config: { url: 'http://127.0.0.1:9/v2/sms' }, ratePerSecond: 5 })
  })

  it('counts a version that runs are still on after a newer one was published, until they end', async () => {
    await kairos.api('PUT', '/api/channels/sms-old', sms())
    await kairos.api('PUT', '/api/channels/sms-new', sms())
    const flow = await publishFlow(kairos, 'Nurture', smsFlow('sms-old', 'nurture'))
    await kairos.api('POST', '/api/events', { contact: 'nia', name: 'nurture' })
    await kairos.drain()
    await kairos.api('PUT', `/api/flows/${flow}`, { graph: smsFlow('sms-new', 'nurture') })
    expect((await kairos.api('POST', `/api/flows/${flow}/publish`)).status).toBe(200)

    // Nia waits on version 1, whose next step texts through sms-old.
    const refused = await kairos.api('DELETE', '/api/channels/sms-old')
    expect(refused.status).toBe(409)
    expect(refused.body.error.details).toEqual([{ field: 'name', message: `used by flow ${flow} ("Nurture"), version 1 (runs still on it), node text` }])
    const { runs } = (await kairos.api('GET', '/api/runs?contact=nia')).body
    expect((await kairos.api('POST', '/api/runs/cancel', { ids: [runs[0].id] })).body).toEqual({ cancelled: 1 })
    expect((await kairos.api('DELETE', '/api/channels/sms-old')).status).toBe(204)
    expect((await kairos.api('DELETE', '/api/channels/sms-new')).status).toBe(409)
  })

  it('does not count drafts, archived flows without runs, or a field that is not a channel holding the same text', async () => {
    await kairos.api('PUT', '/api/channels/sms-draft', sms())
    await kairos.api('POST', '/api/flows', { name: 'Draft only', graph: smsFlow('sms-draft', 'draft_event') })
    expect((await kairos.api('DELETE', '/api/channels/sms-draft')).status).toBe(204)

    await kairos.api('PUT', '/api/channels/sms-retired', sms())
    const retired = await publishFlow(kairos, 'Retired', smsFlow('sms-retired', 'retired_event'))
    await kairos.api('POST', `/api/flows/${retired}/archive`)
    expect((await kairos.api('DELETE', '/api/channels/sms-retired')).status).toBe(204)

    // The trigger's event is named like the channel; only fields marked as channels count.
    await kairos.api('PUT', '/api/channels/promo', sms())
    await publishFlow(kairos, 'Promo event', {
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'promo' } }, { id: 'tag', type: 'tag', config: { add: ['promo'] } }],
      edges: [{ source: 'in', target: 'tag' }],
    })
    expect((await kairos.api('PUT', '/api/channels/promo', webhook)).status).toBe(200)
    expect((await kairos.api('DELETE', '/api/channels/promo')).status).toBe(204)
  })

  it('lets a publish and a delete not pass each other: the publish waits for the delete and then names the missing channel', async () => {
    await kairos.api('PUT', '/api/channels/sms-race', sms())
    const created = await kairos.api('POST', '/api/flows', { name: 'Race', graph: smsFlow('sms-race', 'race') })
    const { pool } = kairos.core.database
    const deleting = await pool.connect()
    try {
      // As DELETE /api/channels/sms-race does: lock the row, find no flow using it, delete.
      await deleting.query('begin')
      await deleting.query(`select name from channels where name = 'sms-race' for update`)
      const publishing = kairos.api('POST', `/api/flows/${created.body.id}/publish`)
      const blocked = async () => (await pool.query(`select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like '%channels%'`)).rows[0].n > 0
      for (let i = 0; i < 500 && !(await blocked()); i++);
      expect(await blocked()).toBe(true)
      await deleting.query(`delete from channels where name = 'sms-race'`)
      await deleting.query('commit')
      const published = await publishing
      expect(published.status).toBe(400)
      expect(published.body.error.details).toEqual([expect.objectContaining({ node: 'text', field: 'config.channel', message: expect.stringContaining('"sms-race" does not exist') })])
    } finally {
      deleting.release()
    }
  })

  it('guards every node that names a channel: a webhook step, a paused flow', async () => {
    await kairos.api('PUT', '/api/channels/crm', webhook)
    const sync = await publishFlow(kairos, 'CRM sync', {
      nodes: [{ id: 'in', type: 'trigger.event', config: { event: 'deal_won' } }, { id: 'push', type: 'webhook', config: { channel: 'crm' } }],
      edges: [{ source: 'in', target: 'push' }],
    })
    await kairos.api('POST', `/api/flows/${sync}/pause`)
    const changed = await kairos.api('PUT', '/api/channels/crm', sms())
    expect(changed.status).toBe(409)
    expect(changed.body.error.details).toEqual([{ field: 'body.kind', message: `used by flow ${sync} ("CRM sync"), version 1 (published), node push` }])
    expect((await kairos.api('PUT', '/api/channels/crm', { ...webhook, config: { ...webhook.config, url: 'http://127.0.0.1:9/hook2' } })).status).toBe(200)
  })
})
