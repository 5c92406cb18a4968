import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestKairos, type TestKairos } from '../support/test-kairos.ts'

// The journey settings the editor's Journey panel writes, as the flow API keeps them: every one
// stored and returned as sent, a malformed one refused naming its field, a cooldown required at
// publish when re-entry is "after".
describe('flow settings through the API', () => {
  let kairos: TestKairos
  const nodes = [
    { id: 'due', type: 'trigger.event', config: { event: 'renewal_due' } },
    { id: 'sms', type: 'send.sms', config: { text: 'Hi {{ contact.name | default: "there" }}' } },
  ]
  const edges = [{ source: 'due', target: 'sms' }]

  beforeAll(async () => {
    kairos = await startTestKairos()
  })
  afterAll(() => kairos?.stop())

  it('stores and returns caps, quiet hours, the goal, re-entry with cooldown, exits and timezone', async () => {
    const settings = {
      reentry: 'after',
      reentryAfter: '30d',
      exitOn: ['order_placed'],
      timezone: 'Asia/Shanghai',
      caps: [{ channel: 'sms', max: 2, per: '1d' }],
      quietHours: { from: '21:00', to: '09:00' },
      onCap: 'wait',
      goal: { event: 'order_placed', within: '7d', where: { total: { gte: 100 } } },
    }
    const created = await kairos.api('POST', '/api/flows', { name: 'Renewal', graph: { nodes, edges, settings } })
    expect(created.status).toBe(201)
    expect((await kairos.api('GET', `/api/flows/${created.body.id}`)).body.graph.settings).toEqual(settings)
    // "None for this journey" is null, kept apart from absent (the workspace's).
    const none = await kairos.api('PUT', `/api/flows/${created.body.id}`, { graph: { nodes, edges, settings: { ...settings, quietHours: null } } })
    expect(none.body.graph.settings.quietHours).toBeNull()
    const published = await kairos.api('POST', `/api/flows/${created.body.id}/publish`, {})
    expect(published.status).toBe(200)
    expect(published.body.warnings).toEqual([])
  })

  it('refuses a malformed setting naming its field, and keeps the draft as it was', async () => {
    const created = await kairos.api('POST', '/api/flows', { name: 'Caps', graph: { nodes, edges, settings: { caps: [{ channel: 'sms', max: 2, per: '1d' }] } } })
    const bad = await kairos.api('PUT', `/api/flows/${created.body.id}`, {
      graph: { nodes, edges, settings: { caps: [{ channel: 'sms', max: 2, per: 'daily' }], quietHours: { from: '9pm', to: '09:00' } } },
    })
    expect(bad.status).toBe(400)
    const fields = bad.body.error.details.map((d: { field: string }) => d.field)
    expect(fields).toEqual(expect.arrayContaining(['body.graph.settings.caps[0].per', 'body.graph.settings.quietHours.from']))
    expect((await kairos.api('GET', `/api/flows/${created.body.id}`)).body.graph.settings.caps).toEqual([{ channel: 'sms', max: 2, per: '1d' }])
  })

  it('publishing re-entry "after" without a cooldown names settings.reentryAfter', async () => {
    const created = await kairos.api('POST', '/api/flows', { name: 'No cooldown', graph: { nodes, edges, settings: { reentry: 'after' } } })
    const publish = await kairos.api('POST', `/api/flows/${created.body.id}/publish`, {})
    expect(publish.status).toBe(400)
    expect(publish.body.error.code).toBe('KAIROS_FLOW_INVALID')
    expect(publish.body.error.details).toEqual([expect.objectContaining({ node: null, field: 'settings.reentryAfter' })])
  })
})
